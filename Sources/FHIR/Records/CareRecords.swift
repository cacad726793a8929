/// A procedure done to the patient (FHIR `Procedure`).
public struct ProcedureRecord: Hashable, Sendable {
    public var id: String
    public var patient: String?
    public var encounter: String?
    public var status: String?
    public var code: CodeableConcept?
    /// `performedDateTime`, else `performedPeriod.start`.
    public var performed: FHIRDateTime?
    public var reasonReferences: [String]

    /// Reads a `Procedure` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("subject")
        encounter = reader.reference("encounter")
        status = reader.string("status")
        code = reader.concept("code")
        performed = try reader.firstDateTime(["performedDateTime"], orStartOf: "performedPeriod")
        reasonReferences = reader.references("reasonReference")
    }
}

/// An allergy or intolerance (FHIR `AllergyIntolerance`).
public struct AllergyIntoleranceRecord: Hashable, Sendable {
    public var id: String
    public var patient: String?
    public var code: CodeableConcept?
    public var clinicalStatus: String?
    public var verificationStatus: String?
    /// allergy or intolerance.
    public var type: String?
    /// food, medication, environment, biologic.
    public var categories: [String]
    /// low, high, unable-to-assess.
    public var criticality: String?
    public var recordedDate: FHIRDateTime?

    /// Reads an `AllergyIntolerance` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("patient")
        code = reader.concept("code")
        clinicalStatus = reader.concept("clinicalStatus")?.firstCode
        verificationStatus = reader.concept("verificationStatus")?.firstCode
        type = reader.string("type")
        categories = ElementReader.strings(reader.root["category"])
        criticality = reader.string("criticality")
        recordedDate = try reader.dateTime("recordedDate")
    }
}

/// A vaccination (FHIR `Immunization`).
public struct ImmunizationRecord: Hashable, Sendable {
    public var id: String
    public var patient: String?
    public var encounter: String?
    public var status: String?
    /// The vaccine (CVX in Synthea).
    public var vaccineCode: CodeableConcept?
    /// `occurrenceDateTime` (an `occurrenceString` is not a date and is left out).
    public var occurrence: FHIRDateTime?

    /// Reads an `Immunization` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("patient")
        encounter = reader.reference("encounter")
        status = reader.string("status")
        vaccineCode = reader.concept("vaccineCode")
        occurrence = try reader.dateTime("occurrenceDateTime")
    }
}

/// A care plan imported from another system (FHIR `CarePlan`).
public struct CarePlanRecord: Hashable, Sendable {
    /// One planned activity: `activity.detail.code` and `activity.detail.status`.
    public struct Activity: Hashable, Sendable {
        public var code: CodeableConcept?
        public var status: String?
    }

    public var id: String
    public var patient: String?
    public var encounter: String?
    public var status: String?
    public var intent: String?
    public var categories: [CodeableConcept]
    public var period: Period?
    /// `addresses` references (the conditions the plan is for).
    public var addresses: [String]
    public var activities: [Activity]

    /// Reads a `CarePlan` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("subject")
        encounter = reader.reference("encounter")
        status = reader.string("status")
        intent = reader.string("intent")
        categories = reader.concepts("category")
        period = try reader.period("period")
        addresses = reader.references("addresses")
        activities = (reader.root["activity"]?.elements ?? []).map { activity in
            Activity(code: activity["detail"]?["code"].map(ElementReader.concept), status: activity["detail"]?["status"]?.string)
        }
    }
}

/// A care team from another system (FHIR `CareTeam`).
public struct CareTeamRecord: Hashable, Sendable {
    /// One member of the team and their role.
    public struct Participant: Hashable, Sendable {
        public var member: String?
        public var roles: [CodeableConcept]
    }

    public var id: String
    public var patient: String?
    public var encounter: String?
    public var status: String?
    public var period: Period?
    public var participants: [Participant]
    public var managingOrganizations: [String]

    /// Reads a `CareTeam` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("subject")
        encounter = reader.reference("encounter")
        status = reader.string("status")
        period = try reader.period("period")
        participants = (reader.root["participant"]?.elements ?? []).map { participant in
            Participant(member: participant["member"]?["reference"]?.string,
                        roles: (participant["role"]?.elements ?? []).map(ElementReader.concept))
        }
        managingOrganizations = reader.references("managingOrganization")
    }
}
