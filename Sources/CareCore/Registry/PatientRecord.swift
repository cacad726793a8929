/// A patient as stored: the details plus identity and bookkeeping.
public struct PatientRecord: Sendable, Equatable {
    /// The database row id; never leaves the server.
    public let rowID: Int64
    /// The id the API and the URLs use (a random id, or the FHIR id of an imported patient).
    public let id: String
    public let organizationID: Int64
    public var details: PatientDetails
    public let version: Int
    public let createdAt: String
    public let updatedAt: String

    public init(rowID: Int64, id: String, organizationID: Int64, details: PatientDetails, version: Int, createdAt: String, updatedAt: String) {
        self.rowID = rowID
        self.id = id
        self.organizationID = organizationID
        self.details = details
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One row of a patient list.
public struct PatientSummary: Sendable, Equatable {
    public let id: String
    public let givenName: String
    public let familyName: String
    public let preferredName: String
    public let birthDate: LocalDate
    public let sex: Sex
    public let phone: String
    public let identifiers: [PatientIdentifier]

    public init(id: String, givenName: String, familyName: String, preferredName: String, birthDate: LocalDate, sex: Sex, phone: String, identifiers: [PatientIdentifier]) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.preferredName = preferredName
        self.birthDate = birthDate
        self.sex = sex
        self.phone = phone
        self.identifiers = identifiers
    }
}

/// A patient search: every given criterion must match. Name terms match the start of the given,
/// family or preferred name (accents and case ignored); identifiers match exactly; phone by digits.
public struct PatientQuery: Sendable, Equatable {
    public var name = ""
    public var birthDate: LocalDate?
    public var identifier = ""
    public var phone = ""
    public var limit = 25
    /// Keyset cursor from the previous page (`PatientPage.nextCursor`).
    public var after: String?

    public init(name: String = "", birthDate: LocalDate? = nil, identifier: String = "", phone: String = "", limit: Int = 25, after: String? = nil) {
        self.name = name
        self.birthDate = birthDate
        self.identifier = identifier
        self.phone = phone
        self.limit = limit
        self.after = after
    }

    public var isEmpty: Bool { name.isEmpty && birthDate == nil && identifier.isEmpty && phone.isEmpty }
}

/// One page of a patient search, with the total matching count.
public struct PatientPage: Sendable, Equatable {
    public let patients: [PatientSummary]
    public let total: Int
    public let nextCursor: String?

    public init(patients: [PatientSummary], total: Int, nextCursor: String?) {
        self.patients = patients
        self.total = total
        self.nextCursor = nextCursor
    }
}
