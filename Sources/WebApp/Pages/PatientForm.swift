import CareCore
import HTML

/// The create/edit patient form: reads a `PatientDraft` from form fields and renders one with inline errors.
enum PatientForm {
    static let identifierSystems: [IdentifierSystem] = [.mrn, .memberID, .medicaid, .medicare]
    static let supportRows = 2

    /// The draft a submitted form describes.
    static func draft(from form: FormData) -> PatientDraft {
        var d = PatientDraft()
        d.givenName = form["givenName"]
        d.familyName = form["familyName"]
        d.preferredName = form["preferredName"]
        d.birthDate = form["birthDate"]
        d.sex = form["sex"]
        d.preferredLanguage = form["preferredLanguage"]
        d.interpreterNeeded = form.has("interpreterNeeded")
        d.phone = form["phone"]
        d.email = form["email"]
        d.address = Address(line1: form["address.line1"], line2: form["address.line2"], city: form["address.city"],
                            state: form["address.state"], postalCode: form["address.postalCode"])
        d.identifiers = identifierSystems.compactMap { system in
            let value = form["identifier.\(system.rawValue)"]
            return value.isEmpty ? nil : (system.rawValue, value)
        }
        d.supportPeople = (0..<supportRows).compactMap { i in
            let p = "supportPeople[\(i)]."
            let name = form[p + "name"], relationship = form[p + "relationship"], phone = form[p + "phone"]
            if name.isEmpty && relationship.isEmpty && phone.isEmpty { return nil }
            return SupportPerson(name: name, relationship: relationship, phone: phone, isCaregiver: form.has(p + "isCaregiver"))
        }
        d.priorities = form["priorities"]
        d.preferredContact = form["preferredContact"]
        d.bestTimeToContact = form["bestTimeToContact"]
        return d
    }

    /// Field errors keyed by form input name (identifier errors move from list index to their system's input).
    static func errorsByInput(_ failure: ValidationFailure?, draft: PatientDraft) -> [String: String] {
        var out: [String: String] = [:]
        for e in failure?.errors ?? [] {
            var key = e.field
            if key.hasPrefix("identifiers["), let close = key.firstIndex(of: "]"),
               let index = Int(key[key.index(key.startIndex, offsetBy: 12)..<close]), index < draft.identifiers.count {
                key = "identifier.\(draft.identifiers[index].system)"
            }
            if out[key] == nil { out[key] = e.message }
        }
        return out
    }

    static func render(action: String, draft d: PatientDraft, errors: [String: String], csrf: String, submitLabel: String,
                       extra: [Node] = []) -> Node {
        func field(_ label: String, _ name: String, _ value: String, type: InputType = .text, required: Bool = false, hint: String? = nil,
                   attributes: [Attribute] = []) -> Node {
            Layout.field(label, name: name, value: value, type: type, error: errors[name], required: required, hint: hint, attributes: attributes)
        }
        let identifierValue: (IdentifierSystem) -> String = { system in d.identifiers.first { $0.system == system.rawValue }?.value ?? "" }
        return .form(method: .post, action: action, class: "patient-form", attributes: [.novalidate], [
            .input(type: .hidden, name: "csrf", value: csrf),
            errors.isEmpty ? .empty : .div(class: "alert", id: "form-errors", attributes: [.role("alert")], [
                .p("Please correct the \(errors.count == 1 ? "field" : "\(errors.count) fields") marked below."),
            ]),
            // At the top, where the eye lands after the page reloads (the duplicate warning and its confirmation).
            .fragment(extra),
            .fieldset([
                .legend("Name and birth"),
                field("Given name", "givenName", d.givenName, required: true, attributes: [.autocomplete("off")]),
                field("Family name", "familyName", d.familyName, required: true, attributes: [.autocomplete("off")]),
                field("Preferred name", "preferredName", d.preferredName, hint: "What the patient likes to be called"),
                field("Birth date", "birthDate", d.birthDate, type: .date, required: true),
                .div(class: errors["sex"] == nil ? "field" : "field has-error", [
                    .label(for: "f-sex", [.text("Sex"), .span(class: "required", attributes: [.aria("hidden", "true")], " *")]),
                    .select(name: "sex", id: "f-sex", required: true,
                            attributes: errors["sex"] == nil ? [] : [.aria("invalid", "true"), .aria("describedby", "f-sex-error")],
                            [.option(value: "", "Choose…", selected: d.sex.isEmpty)] + Sex.allCases.map {
                                .option(value: $0.rawValue, $0.title, selected: d.sex == $0.rawValue)
                            }),
                    errors["sex"].map { .p(class: "error", id: "f-sex-error", "Sex \($0)") } ?? .empty,
                ]),
            ]),
            .fieldset([
                .legend("Language and contact"),
                field("Preferred language", "preferredLanguage", d.preferredLanguage),
                .div(class: "field checkbox", [
                    .input(type: .checkbox, name: "interpreterNeeded", value: "yes", id: "f-interpreterNeeded",
                           attributes: d.interpreterNeeded ? [.checked] : []),
                    .label(for: "f-interpreterNeeded", "Needs an interpreter"),
                ]),
                field("Phone", "phone", d.phone, type: .tel),
                field("Email", "email", d.email, type: .email),
                .div(class: "field", [
                    .label(for: "f-preferredContact", "Preferred way to reach"),
                    .select(name: "preferredContact", id: "f-preferredContact",
                            [.option(value: "", "No preference", selected: d.preferredContact.isEmpty)] + ContactMethod.allCases.map {
                                .option(value: $0.rawValue, $0.title, selected: d.preferredContact == $0.rawValue)
                            }),
                ]),
                field("Best time to reach", "bestTimeToContact", d.bestTimeToContact),
            ]),
            .fieldset([
                .legend("Address"),
                field("Street", "address.line1", d.address.line1),
                field("Apartment, unit", "address.line2", d.address.line2),
                field("City", "address.city", d.address.city),
                field("State", "address.state", d.address.state),
                field("Postal code", "address.postalCode", d.address.postalCode),
            ]),
            .fieldset([.legend("Identifiers")] + identifierSystems.map { system in
                field(system.title, "identifier.\(system.rawValue)", identifierValue(system))
            }),
            .fieldset([.legend("Support people (family, caregivers)")] + (0..<supportRows).map { i -> Node in
                let p = d.supportPeople.indices.contains(i) ? d.supportPeople[i] : SupportPerson(name: "")
                let prefix = "supportPeople[\(i)]."
                return .div(class: "support-row", [
                    field("Name", prefix + "name", p.name),
                    field("Relationship", prefix + "relationship", p.relationship),
                    field("Phone", prefix + "phone", p.phone, type: .tel),
                    .div(class: "field checkbox", [
                        .input(type: .checkbox, name: prefix + "isCaregiver", value: "yes", id: "f-" + prefix.replacingDots + "isCaregiver",
                               attributes: p.isCaregiver ? [.checked] : []),
                        .label(for: "f-" + prefix.replacingDots + "isCaregiver", "Caregiver"),
                    ]),
                ])
            }),
            .fieldset([
                .legend("What matters to the patient"),
                .div(class: errors["priorities"] == nil ? "field" : "field has-error", [
                    .label(for: "f-priorities", "Priorities, in the patient's own words"),
                    .textarea(name: "priorities", id: "f-priorities", rows: 3,
                              attributes: errors["priorities"] == nil ? [] : [.aria("invalid", "true"), .aria("describedby", "f-priorities-error")],
                              d.priorities),
                    errors["priorities"].map { .p(class: "error", id: "f-priorities-error", "Priorities \($0)") } ?? .empty,
                ]),
            ]),
            .button(class: "primary", id: "save-patient", submitLabel),
        ])
    }
}
