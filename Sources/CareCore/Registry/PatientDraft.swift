/// Patient input as a form or a JSON body gives it: unvalidated text. `validated(today:)` turns it
/// into `PatientDetails` or says, field by field, what is wrong.
public struct PatientDraft: Sendable, Equatable {
    public var givenName = ""
    public var familyName = ""
    public var preferredName = ""
    public var birthDate = ""
    public var sex = ""
    public var preferredLanguage = "English"
    public var interpreterNeeded = false
    public var phone = ""
    public var email = ""
    public var address = Address()
    public var identifiers: [(system: String, value: String)] = []
    public var supportPeople: [SupportPerson] = []
    public var priorities = ""
    public var preferredContact = ""
    public var bestTimeToContact = ""

    public init() {}

    /// The draft that reproduces existing details (the starting point of an edit).
    public init(_ details: PatientDetails) {
        givenName = details.givenName
        familyName = details.familyName
        preferredName = details.preferredName
        birthDate = details.birthDate.description
        sex = details.sex.rawValue
        preferredLanguage = details.preferredLanguage
        interpreterNeeded = details.interpreterNeeded
        phone = details.phone
        email = details.email
        address = details.address
        identifiers = details.identifiers.map { ($0.system.rawValue, $0.value) }
        supportPeople = details.supportPeople
        priorities = details.priorities
        preferredContact = details.preferredContact?.rawValue ?? ""
        bestTimeToContact = details.bestTimeToContact
    }

    public static func == (a: PatientDraft, b: PatientDraft) -> Bool {
        a.givenName == b.givenName && a.familyName == b.familyName && a.preferredName == b.preferredName
            && a.birthDate == b.birthDate && a.sex == b.sex && a.preferredLanguage == b.preferredLanguage
            && a.interpreterNeeded == b.interpreterNeeded && a.phone == b.phone && a.email == b.email
            && a.address == b.address && a.identifiers.map { "\($0.system)\u{1}\($0.value)" } == b.identifiers.map { "\($0.system)\u{1}\($0.value)" }
            && a.supportPeople == b.supportPeople && a.priorities == b.priorities
            && a.preferredContact == b.preferredContact && a.bestTimeToContact == b.bestTimeToContact
    }

    /// Validates every field; `today` bounds the birth date (not in the future, not before 1900).
    public func validated(today: LocalDate) -> Result<PatientDetails, ValidationFailure> {
        var errors: [FieldError] = []
        let given = TextRule.name.check(givenName, field: "givenName", required: true, into: &errors)
        let family = TextRule.name.check(familyName, field: "familyName", required: true, into: &errors)
        let preferred = TextRule.name.check(preferredName, field: "preferredName", required: false, into: &errors)

        var birth: LocalDate?
        let birthText = birthDate.trimmed
        if birthText.isEmpty {
            errors.append(FieldError("birthDate", "is required"))
        } else if let d = LocalDate(iso: birthText) {
            if d > today {
                errors.append(FieldError("birthDate", "cannot be in the future"))
            } else if d.year < 1900 {
                errors.append(FieldError("birthDate", "must be in 1900 or later"))
            } else {
                birth = d
            }
        } else {
            errors.append(FieldError("birthDate", "must be a date written YYYY-MM-DD"))
        }

        let sexValue = Sex(rawValue: sex.trimmed.lowercased())
        if sexValue == nil {
            errors.append(FieldError("sex", sex.trimmed.isEmpty ? "is required" : "must be one of female, male, other, unknown"))
        }

        let language = TextRule.shortText.check(preferredLanguage, field: "preferredLanguage", required: false, into: &errors)
        let phoneValue = PhoneNumber.check(phone, field: "phone", into: &errors)
        let emailValue = EmailAddress.check(email, field: "email", into: &errors)
        let addr = Address(
            line1: TextRule.shortText.check(address.line1, field: "address.line1", required: false, into: &errors),
            line2: TextRule.shortText.check(address.line2, field: "address.line2", required: false, into: &errors),
            city: TextRule.shortText.check(address.city, field: "address.city", required: false, into: &errors),
            state: TextRule.shortText.check(address.state, field: "address.state", required: false, into: &errors),
            postalCode: TextRule.code.check(address.postalCode, field: "address.postalCode", required: false, into: &errors))

        var ids: [PatientIdentifier] = []
        var seen = Set<PatientIdentifier>()
        for (i, raw) in identifiers.enumerated() {
            guard let system = IdentifierSystem(rawValue: raw.system.trimmed.lowercased()) else {
                errors.append(FieldError("identifiers[\(i)].system", "must be one of " + IdentifierSystem.allCases.map(\.rawValue).joined(separator: ", ")))
                continue
            }
            let value = TextRule.code.check(raw.value, field: "identifiers[\(i)].value", required: true, into: &errors)
            guard !value.isEmpty else { continue }
            let id = PatientIdentifier(system: system, value: value)
            if !seen.insert(id).inserted {
                errors.append(FieldError("identifiers[\(i)].value", "is listed twice"))
            }
            ids.append(id)
        }

        var people: [SupportPerson] = []
        for (i, p) in supportPeople.enumerated() {
            let name = TextRule.name.check(p.name, field: "supportPeople[\(i)].name", required: true, into: &errors)
            let relationship = TextRule.shortText.check(p.relationship, field: "supportPeople[\(i)].relationship", required: false, into: &errors)
            let phone = PhoneNumber.check(p.phone, field: "supportPeople[\(i)].phone", into: &errors)
            let notes = TextRule.longText.check(p.notes, field: "supportPeople[\(i)].notes", required: false, into: &errors)
            people.append(SupportPerson(name: name, relationship: relationship, phone: phone, isCaregiver: p.isCaregiver, notes: notes))
        }

        let prioritiesValue = TextRule.longText.check(priorities, field: "priorities", required: false, into: &errors)
        var contact: ContactMethod?
        if !preferredContact.trimmed.isEmpty {
            contact = ContactMethod(rawValue: preferredContact.trimmed.lowercased())
            if contact == nil {
                errors.append(FieldError("preferredContact", "must be one of " + ContactMethod.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        let bestTime = TextRule.shortText.check(bestTimeToContact, field: "bestTimeToContact", required: false, into: &errors)

        guard errors.isEmpty, let birth, let sexValue else { return .failure(ValidationFailure(errors)) }
        return .success(PatientDetails(
            givenName: given, familyName: family, preferredName: preferred, birthDate: birth, sex: sexValue,
            preferredLanguage: language.isEmpty ? "English" : language, interpreterNeeded: interpreterNeeded,
            phone: phoneValue, email: emailValue, address: addr, identifiers: ids, supportPeople: people,
            priorities: prioritiesValue, preferredContact: contact, bestTimeToContact: bestTime))
    }
}
