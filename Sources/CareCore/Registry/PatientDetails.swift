/// A postal address; every part may be empty.
public struct Address: Sendable, Equatable, Codable {
    public var line1 = ""
    public var line2 = ""
    public var city = ""
    public var state = ""
    public var postalCode = ""

    public init(line1: String = "", line2: String = "", city: String = "", state: String = "", postalCode: String = "") {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.postalCode = postalCode
    }

    /// One line for lists: "12 Elm St, Springfield, MA 01101".
    public var singleLine: String {
        let street = [line1, line2].filter { !$0.isEmpty }.joined(separator: " ")
        let region = [state, postalCode].filter { !$0.isEmpty }.joined(separator: " ")
        return [street, city, region].filter { !$0.isEmpty }.joined(separator: ", ")
    }
}

/// Which registry issued an identifier.
public enum IdentifierSystem: String, Sendable, CaseIterable, Codable {
    case mrn
    case memberID = "member_id"
    case medicaid
    case medicare
    case other

    public var title: String {
        switch self {
        case .mrn: "MRN"
        case .memberID: "Member ID"
        case .medicaid: "Medicaid ID"
        case .medicare: "Medicare MBI"
        case .other: "Other"
        }
    }
}

/// An identifier of the patient in another system; unique per organization and system.
public struct PatientIdentifier: Sendable, Equatable, Hashable, Codable {
    public var system: IdentifierSystem
    public var value: String

    public init(system: IdentifierSystem, value: String) {
        self.system = system
        self.value = value
    }
}

/// Someone who supports the patient: family, a friend, a paid or unpaid caregiver.
public struct SupportPerson: Sendable, Equatable, Codable {
    public var name: String
    public var relationship: String
    public var phone: String
    public var isCaregiver: Bool
    public var notes: String

    public init(name: String, relationship: String = "", phone: String = "", isCaregiver: Bool = false, notes: String = "") {
        self.name = name
        self.relationship = relationship
        self.phone = phone
        self.isCaregiver = isCaregiver
        self.notes = notes
    }
}

/// How the patient prefers to be reached.
public enum ContactMethod: String, Sendable, CaseIterable, Codable {
    case phone, text, email, mail

    public var title: String {
        switch self {
        case .phone: "Phone call"
        case .text: "Text message"
        case .email: "Email"
        case .mail: "Mail"
        }
    }
}

/// Everything the registry knows about a person, validated.
public struct PatientDetails: Sendable, Equatable {
    public var givenName: String
    public var familyName: String
    public var preferredName: String
    public var birthDate: LocalDate
    public var sex: Sex
    public var preferredLanguage: String
    public var interpreterNeeded: Bool
    public var phone: String
    public var email: String
    public var address: Address
    public var identifiers: [PatientIdentifier]
    public var supportPeople: [SupportPerson]
    /// What matters to the patient, in their own words.
    public var priorities: String
    public var preferredContact: ContactMethod?
    public var bestTimeToContact: String

    public init(givenName: String, familyName: String, preferredName: String = "", birthDate: LocalDate, sex: Sex,
                preferredLanguage: String = "English", interpreterNeeded: Bool = false, phone: String = "", email: String = "",
                address: Address = Address(), identifiers: [PatientIdentifier] = [], supportPeople: [SupportPerson] = [],
                priorities: String = "", preferredContact: ContactMethod? = nil, bestTimeToContact: String = "") {
        self.givenName = givenName
        self.familyName = familyName
        self.preferredName = preferredName
        self.birthDate = birthDate
        self.sex = sex
        self.preferredLanguage = preferredLanguage
        self.interpreterNeeded = interpreterNeeded
        self.phone = phone
        self.email = email
        self.address = address
        self.identifiers = identifiers
        self.supportPeople = supportPeople
        self.priorities = priorities
        self.preferredContact = preferredContact
        self.bestTimeToContact = bestTimeToContact
    }

    /// "Lovelace, Ada" — how lists show a patient.
    public var sortName: String { "\(familyName), \(givenName)" }

    /// "Ada Lovelace" (or the preferred name in quotes when there is one).
    public var displayName: String {
        preferredName.isEmpty ? "\(givenName) \(familyName)" : "\(givenName) “\(preferredName)” \(familyName)"
    }
}
