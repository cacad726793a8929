/// The typed view of a resource Tend reasons about, or `.unmodeled` for every other type (which
/// is still stored as JSON and counted, never dropped).
public enum FHIRRecord: Hashable, Sendable {
    case patient(PatientRecord)
    case condition(ConditionRecord)
    case encounter(EncounterRecord)
    case observation(ObservationRecord)
    case medication(MedicationRecord)
    case procedure(ProcedureRecord)
    case allergyIntolerance(AllergyIntoleranceRecord)
    case immunization(ImmunizationRecord)
    case carePlan(CarePlanRecord)
    case careTeam(CareTeamRecord)
    case claim(ClaimRecord)
    case organization(OrganizationRecord)
    case practitioner(PractitionerRecord)
    /// A type Tend does not model, by name.
    case unmodeled(resourceType: String)

    /// The resource types with a typed record.
    public static let modeledTypes: Set<String> = [
        "Patient", "Condition", "Encounter", "Observation", "MedicationRequest", "MedicationStatement", "Procedure",
        "AllergyIntolerance", "Immunization", "CarePlan", "CareTeam", "Claim", "ExplanationOfBenefit", "Organization", "Practitioner",
    ]

    /// Extracts the typed record of `resource`. Throws `FHIRError.invalidElement` when a modeled
    /// element breaks its datatype (a malformed date, a string where a number belongs).
    public init(_ resource: FHIRResource) throws(FHIRError) {
        switch resource.resourceType {
        case "Patient": self = .patient(try PatientRecord(resource))
        case "Condition": self = .condition(try ConditionRecord(resource))
        case "Encounter": self = .encounter(try EncounterRecord(resource))
        case "Observation": self = .observation(try ObservationRecord(resource))
        case "Procedure": self = .procedure(try ProcedureRecord(resource))
        case "AllergyIntolerance": self = .allergyIntolerance(try AllergyIntoleranceRecord(resource))
        case "Immunization": self = .immunization(try ImmunizationRecord(resource))
        case "CarePlan": self = .carePlan(try CarePlanRecord(resource))
        case "CareTeam": self = .careTeam(try CareTeamRecord(resource))
        case "Organization": self = .organization(OrganizationRecord(resource))
        case "Practitioner": self = .practitioner(PractitionerRecord(resource))
        default:
            if let medication = try MedicationRecord(resource) {
                self = .medication(medication)
            } else if let claim = try ClaimRecord(resource) {
                self = .claim(claim)
            } else {
                self = .unmodeled(resourceType: resource.resourceType)
            }
        }
    }
}
