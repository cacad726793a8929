/// What Tend's registry needs from a FHIR `Patient`.
public struct PatientRecord: Hashable, Sendable {
    public var id: String
    public var identifiers: [Identifier]
    public var names: [HumanName]
    /// `male`, `female`, `other` or `unknown` as in the source.
    public var gender: String?
    public var birthDate: FHIRDateTime?
    /// `deceasedDateTime`, when given.
    public var deceasedAt: FHIRDateTime?
    /// `deceasedBoolean`, or `true` when `deceasedDateTime` is given.
    public var deceased: Bool?
    public var addresses: [Address]
    public var telecom: [ContactPoint]
    /// The preferred (or first) `communication.language` code, e.g. `en-US`.
    public var language: String?
    public var maritalStatus: CodeableConcept?

    /// The medical record number (identifier of type `MR`).
    public var medicalRecordNumber: String? { identifiers.first { $0.typeCode == "MR" }?.value }
    /// The social security number (identifier of type `SS` or system us-ssn).
    public var socialSecurityNumber: String? {
        identifiers.first { $0.typeCode == "SS" || $0.system == CodeSystem.ssn }?.value
    }
    /// The `official` name, else the first.
    public var preferredName: HumanName? { names.first { $0.use == "official" } ?? names.first }

    /// Reads a `Patient` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        identifiers = reader.identifiers()
        names = reader.names()
        gender = reader.string("gender")
        birthDate = try reader.date("birthDate")
        deceasedAt = try reader.dateTime("deceasedDateTime")
        deceased = reader.root["deceasedBoolean"]?.bool ?? (deceasedAt == nil ? nil : true)
        addresses = reader.addresses()
        telecom = reader.telecom()
        let communications = reader.root["communication"]?.elements ?? []
        let preferred = communications.first { $0["preferred"]?.bool == true } ?? communications.first
        let languageConcept = preferred?["language"].map(ElementReader.concept)
        language = languageConcept?.firstCode ?? languageConcept?.text
        maritalStatus = reader.concept("maritalStatus")
    }
}
