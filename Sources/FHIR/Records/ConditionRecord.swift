/// A diagnosis or problem (FHIR `Condition`), as the risk models and chart read it.
public struct ConditionRecord: Hashable, Sendable {
    public var id: String
    /// `Patient/id` of `subject`.
    public var patient: String?
    public var encounter: String?
    public var code: CodeableConcept?
    /// `clinicalStatus` code: active, recurrence, relapse, inactive, remission, resolved.
    public var clinicalStatus: String?
    public var verificationStatus: String?
    public var categories: [CodeableConcept]
    /// `onsetDateTime`, else `onsetPeriod.start`.
    public var onset: FHIRDateTime?
    /// `abatementDateTime`, else `abatementPeriod.start`.
    public var abatement: FHIRDateTime?
    public var recordedDate: FHIRDateTime?

    /// Reads a `Condition` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("subject")
        encounter = reader.reference("encounter")
        code = reader.concept("code")
        clinicalStatus = reader.concept("clinicalStatus")?.firstCode
        verificationStatus = reader.concept("verificationStatus")?.firstCode
        categories = reader.concepts("category")
        onset = try reader.firstDateTime(["onsetDateTime"], orStartOf: "onsetPeriod")
        abatement = try reader.firstDateTime(["abatementDateTime"], orStartOf: "abatementPeriod")
        recordedDate = try reader.dateTime("recordedDate")
    }
}
