/// A prescription (`MedicationRequest`) or a reported use (`MedicationStatement`).
public struct MedicationRecord: Hashable, Sendable {
    /// Which resource the record came from.
    public enum Kind: String, Hashable, Sendable {
        case request = "MedicationRequest"
        case statement = "MedicationStatement"
    }

    public var kind: Kind
    public var id: String
    public var patient: String?
    public var encounter: String?
    public var status: String?
    /// `intent` of a request (order, plan…).
    public var intent: String?
    /// `medicationCodeableConcept` (RxNorm in Synthea).
    public var medication: CodeableConcept?
    /// `medicationReference`, when the drug is a separate `Medication` resource.
    public var medicationReference: String?
    /// `authoredOn` of a request; `effectiveDateTime` / `effectivePeriod.start` or `dateAsserted` of a statement.
    public var date: FHIRDateTime?
    public var reasonCodes: [CodeableConcept]
    public var reasonReferences: [String]

    /// The RxNorm code of the medication, if given.
    public var rxNormCode: String? { medication?.code(in: CodeSystem.rxnorm) }

    /// Reads a `MedicationRequest` or `MedicationStatement`; `nil` for other types.
    public init?(_ resource: FHIRResource) throws(FHIRError) {
        guard let kind = Kind(rawValue: resource.resourceType) else { return nil }
        let reader = ElementReader(resource)
        self.kind = kind
        id = resource.id
        patient = reader.reference("subject")
        encounter = reader.reference(kind == .request ? "encounter" : "context")
        status = reader.string("status")
        intent = reader.string("intent")
        medication = reader.concept("medicationCodeableConcept")
        medicationReference = reader.reference("medicationReference")
        switch kind {
        case .request: date = try reader.dateTime("authoredOn")
        case .statement:
            date = try reader.firstDateTime(["effectiveDateTime"], orStartOf: "effectivePeriod")
            if date == nil { date = try reader.dateTime("dateAsserted") }
        }
        reasonCodes = reader.concepts("reasonCode")
        reasonReferences = reader.references("reasonReference")
    }
}
