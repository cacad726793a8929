/// A visit or stay (FHIR `Encounter`): what utilisation and readmission rules need.
public struct EncounterRecord: Hashable, Sendable {
    public var id: String
    public var patient: String?
    public var status: String?
    /// `class.code` from v3 ActCode: `EMER`, `IMP`, `AMB`, `OBSENC`, `HH`, `VR`…
    public var classCode: String?
    public var types: [CodeableConcept]
    public var period: Period?
    public var reasonCodes: [CodeableConcept]
    public var reasonReferences: [String]
    /// `hospitalization.dischargeDisposition` (home, SNF, expired…).
    public var dischargeDisposition: CodeableConcept?
    public var serviceProvider: String?
    /// `participant.individual` references (practitioners).
    public var participants: [String]

    /// Reads an `Encounter` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("subject")
        status = reader.string("status")
        classCode = reader.root["class"]?["code"]?.string
        types = reader.concepts("type")
        period = try reader.period("period")
        reasonCodes = reader.concepts("reasonCode")
        reasonReferences = reader.references("reasonReference")
        dischargeDisposition = reader.root["hospitalization"]?["dischargeDisposition"].map(ElementReader.concept)
        serviceProvider = reader.reference("serviceProvider")
        participants = (reader.root["participant"]?.elements ?? []).compactMap { $0["individual"]?["reference"]?.string }
    }
}
