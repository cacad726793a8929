import CareCore
import CareServices
import Foundation
import HTML
import HTTPServer

/// Emergency (break-glass) access: the form that opens a chart outside one's care team, and the
/// supervisors' review of every such access.
struct BreakGlassPages {
    let services: CareServices
    let signed: PageRoutes.Signed

    func form(error: String?, reference: String = "", reason: String = "", status: Int = 200) -> HTTPResponse {
        guard AccessRules.canBreakGlass(signed.session.principal.role) else {
            return Responses.html(ErrorPage.render(status: 403, message: "Your role cannot use emergency access.", chrome: signed.chrome("")), status: 403)
        }
        return Responses.html(Layout.page(title: "Emergency access", chrome: signed.chrome("break-glass"), [
            .h1("Emergency access to a patient outside your care team"),
            .p("Use this only when you need the chart now to care for the patient (for example, covering for a colleague or answering a crisis call). "
               + "Access lasts one hour. Your name, the time and your reason are recorded and reviewed by your supervisor."),
            error.map { .p(class: "alert", id: "break-glass-error", attributes: [.role("alert")], $0) } ?? .empty,
            .form(method: .post, action: "/break-glass", [
                .input(type: .hidden, name: "csrf", value: signed.session.csrfToken),
                Layout.field("Patient id, MRN or member ID", name: "patient", value: reference, error: nil, required: true),
                .div(class: "field", [
                    .label(for: "f-reason", "Reason (at least \(AccessRules.minimumReasonLength) characters)"),
                    .textarea(name: "reason", id: "f-reason", rows: 3, required: true, reason),
                ]),
                .button(class: "danger", id: "break-glass", "Open the chart"),
            ]),
        ]), status: status)
    }

    func open() throws -> HTTPResponse {
        let form = signed.web.request.form
        do {
            let id = try services.patients.breakGlass(patient: form["patient"], reason: form["reason"], by: signed.context)
            return Responses.redirect("/patients/\(FormData.encode(id))")
        } catch ServiceError.invalid(let f) {
            return self.form(error: "Reason " + (f.message(for: "reason") ?? "is invalid") + ".", reference: form["patient"], reason: form["reason"], status: 422)
        } catch ServiceError.notFound(let m) {
            return self.form(error: m.prefix(1).uppercased() + m.dropFirst() + ".", reference: form["patient"], reason: form["reason"], status: 404)
        }
    }

    func review() throws -> HTTPResponse {
        let log = try services.patients.breakGlassLog(by: signed.context)
        let format = Date.ISO8601FormatStyle(timeZone: .gmt)
        return Responses.html(Layout.page(title: "Access review", chrome: signed.chrome("review"), [
            .h1("Emergency access review"),
            .p("Every break-glass access in your organization, newest first. Follow up on any reason that does not justify the access."),
            log.isEmpty ? .p(class: "empty", "No emergency access has been used.") : .table(class: "audit", [
                .thead([.tr([.th("When (UTC)"), .th("User"), .th("Patient"), .th("Reason"), .th("Expires")])]),
                .tbody(log.map { g in
                    .tr([.td(format.format(Date(timeIntervalSince1970: g.createdAt))), .td(g.username),
                         .td([.a(href: "/patients/\(FormData.encode(g.patientID))", g.patientName)]), .td(g.reason),
                         .td(format.format(Date(timeIntervalSince1970: g.expiresAt)))])
                }),
            ]),
        ]))
    }
}
