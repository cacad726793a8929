import CareCore
import CareServices
import HTML
import HTTPServer
import Storage

/// Patient search, chart, create and edit pages.
struct PatientPages {
    let services: CareServices
    let signed: PageRoutes.Signed

    private var csrf: String { signed.session.csrfToken }
    private var form: FormData { signed.web.request.form }

    func list() throws -> HTTPResponse {
        let q = signed.web.request.queryItems
        var query = PatientQuery(name: q["name"], identifier: q["identifier"].trimmed, phone: q["phone"], limit: 25,
                                 after: q["after"].isEmpty ? nil : q["after"])
        var dateError: String?
        if !q["birthDate"].isEmpty {
            if let d = LocalDate(iso: q["birthDate"].trimmed) { query.birthDate = d } else { dateError = "must be a date written YYYY-MM-DD" }
        }
        let page = dateError == nil ? try services.patients.search(query, by: signed.context) : PatientPage(patients: [], total: 0, nextCursor: nil)
        let searching = !query.isEmpty
        var nextLink: String?
        if let cursor = page.nextCursor {
            let keep = ["name", "birthDate", "identifier", "phone"].map { "\($0)=\(FormData.encode(q[$0]))" }.joined(separator: "&")
            nextLink = "/patients?\(keep)&after=\(cursor)"
        }
        return Responses.html(Layout.page(title: "Patients", chrome: signed.chrome("patients"), [
            .h1(signed.session.principal.role == .supervisor ? "All patients" : "My patients"),
            .form(method: .get, action: "/patients", class: "search", attributes: [.role("search")], [
                Layout.field("Name", name: "name", value: q["name"], type: .search, error: nil),
                Layout.field("Birth date", name: "birthDate", value: q["birthDate"], type: .date, error: dateError),
                Layout.field("MRN or member ID", name: "identifier", value: q["identifier"], error: nil),
                Layout.field("Phone", name: "phone", value: q["phone"], type: .tel, error: nil),
                .button(class: "primary", id: "search", "Search"),
            ]),
            .p(class: "result-count", id: "result-count", attributes: [.role("status")],
               searching ? "\(page.total) matching patient\(page.total == 1 ? "" : "s")" : "\(page.total) patient\(page.total == 1 ? "" : "s") on your list"),
            page.patients.isEmpty ? .p(class: "empty", searching ? "No patient matches. Check the spelling, or search by birth date or identifier." : "No patients yet.") :
                .table(class: "patients", [
                    .caption(class: "visually-hidden", "Patients"),
                    .thead([.tr([.th("Name"), .th("Birth date"), .th("Sex"), .th("Identifiers"), .th("Phone")])]),
                    .tbody(page.patients.map { p in
                        .tr([
                            .td([.a(href: "/patients/\(FormData.encode(p.id))", "\(p.familyName), \(p.givenName)" + (p.preferredName.isEmpty ? "" : " (\(p.preferredName))"))]),
                            .td(p.birthDate.description), .td(p.sex.title),
                            .td(p.identifiers.map { "\($0.system.title) \($0.value)" }.joined(separator: " · ")),
                            .td(p.phone),
                        ])
                    }),
                ]),
            nextLink.map { .p(class: "pager", [.a(href: $0, id: "next-page", "Next page →")]) } ?? .empty,
        ]))
    }

    func newForm() -> HTTPResponse {
        guard AccessRules.canCreatePatient(signed.session.principal.role) else {
            return Responses.html(ErrorPage.render(status: 403, message: "Your role cannot create patients.", chrome: signed.chrome("")), status: 403)
        }
        return Responses.html(formPage(title: "New patient", action: "/patients", draft: PatientDraft(), errors: [:], submit: "Create patient"))
    }

    func create() throws -> HTTPResponse {
        let draft = PatientForm.draft(from: form)
        do {
            switch try services.patients.create(draft, confirmedNotDuplicate: form.has("confirmNotDuplicate"), by: signed.context) {
            case .created(let record):
                return Responses.redirect("/patients/\(FormData.encode(record.id))")
            case .possibleDuplicates(let candidates):
                let warning: Node = .div(class: "warning", id: "duplicate-warning", attributes: [.role("alert")], [
                    .h2("This may be a patient who is already registered"),
                    .ul(candidates.map { c in
                        .li([c.patientID.isEmpty ? .text(c.name) : .a(href: "/patients/\(FormData.encode(c.patientID))", c.name),
                             .text(", born \(c.birthDate): \(c.reason)")])
                    }),
                    .div(class: "field checkbox", [
                        .input(type: .checkbox, name: "confirmNotDuplicate", value: "yes", id: "f-confirmNotDuplicate"),
                        .label(for: "f-confirmNotDuplicate", "I checked: this is a different person. Create the patient anyway."),
                    ]),
                ])
                return Responses.html(formPage(title: "New patient", action: "/patients", draft: draft, errors: [:], submit: "Create patient",
                                               inside: [warning]), status: 409)
            }
        } catch ServiceError.invalid(let failure) {
            return Responses.html(formPage(title: "New patient", action: "/patients", draft: draft,
                                           errors: PatientForm.errorsByInput(failure, draft: draft), submit: "Create patient"), status: 422)
        } catch ServiceError.conflict(let field, let message) {
            return Responses.html(formPage(title: "New patient", action: "/patients", draft: draft,
                                           errors: [field == "identifiers" ? "identifier.mrn" : field: message], submit: "Create patient"), status: 409)
        }
    }

    func chart(_ id: String) throws -> HTTPResponse {
        let chart = try services.patients.chart(id, includingClinical: true, by: signed.context)
        let canManageTeam = AccessRules.canManageCareTeams(signed.session.principal.role)
        let users = canManageTeam ? (try? services.admin.users(by: signed.context)) ?? [] : []
        let clinical = chart.clinical ?? ClinicalSummary()
        return Responses.html(PatientChartPage.render(chart, csrf: csrf, chrome: signed.chrome("patients"),
                                                      teamCandidates: users.filter { $0.role.worksWithPatients && $0.role != .admin && $0.role != .supervisor },
                                                      clinical: clinical))
    }

    func editForm(_ id: String) throws -> HTTPResponse {
        let chart = try services.patients.chart(id, by: signed.context)
        return Responses.html(formPage(title: "Edit \(chart.record.details.displayName)", action: "/patients/\(FormData.encode(id))",
                                       draft: PatientDraft(chart.record.details), errors: [:], submit: "Save changes",
                                       version: chart.record.version))
    }

    func update(_ id: String) throws -> HTTPResponse {
        let submitted = PatientForm.draft(from: form)
        do {
            _ = try services.patients.update(id, by: signed.context, expectedVersion: Int(form["version"])) { $0 = submitted }
            return Responses.redirect("/patients/\(FormData.encode(id))")
        } catch ServiceError.invalid(let failure) {
            return Responses.html(formPage(title: "Edit patient", action: "/patients/\(FormData.encode(id))", draft: submitted,
                                           errors: PatientForm.errorsByInput(failure, draft: submitted), submit: "Save changes",
                                           version: Int(form["version"])), status: 422)
        } catch ServiceError.conflict(let field, let message) {
            return Responses.html(formPage(title: "Edit patient", action: "/patients/\(FormData.encode(id))", draft: submitted,
                                           errors: [field == "identifiers" ? "identifier.mrn" : field: message], submit: "Save changes",
                                           version: Int(form["version"]), top: .p(class: "alert", attributes: [.role("alert")], message)), status: 409)
        }
    }

    func changeCareTeam(_ id: String) throws -> HTTPResponse {
        let username = form["username"]
        if form["change"] == "remove" {
            try services.patients.removeFromCareTeam(id, username: username, by: signed.context)
        } else {
            try services.patients.addToCareTeam(id, username: username, asLead: form.has("lead"), by: signed.context)
        }
        return Responses.redirect("/patients/\(FormData.encode(id))#care-team")
    }

    private func formPage(title: String, action: String, draft: PatientDraft, errors: [String: String], submit: String,
                          version: Int? = nil, top: Node = .empty, inside: [Node] = []) -> Node {
        Layout.page(title: title, chrome: signed.chrome("new"), [
            .h1(title),
            top,
            PatientForm.render(action: action, draft: draft, errors: errors, csrf: csrf, submitLabel: submit,
                               extra: inside + (version.map { [.input(type: .hidden, name: "version", value: String($0))] } ?? [])),
        ])
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
