import CareCore
import CareServices
import HTML
import HTTPServer
import Storage

/// The administrators' audit log: filter by user, patient and date; newest first, keyset-paged.
enum AuditPage {
    static func handle(services: CareServices, signed: PageRoutes.Signed) throws -> HTTPResponse {
        let q = signed.web.request.queryItems
        var filter = AuditFilter(username: q["user"].trimmed.lowercased(), patientID: q["patient"].trimmed, from: q["from"].trimmed,
                                 to: q["to"].trimmed, limit: 100)
        filter.beforeID = Int64(q["before"])
        var errors: [String: String] = [:]
        for key in ["from", "to"] where !q[key].isEmpty && LocalDate(iso: q[key].trimmed) == nil {
            errors[key] = "must be a date written YYYY-MM-DD"
        }
        let rows = errors.isEmpty ? try services.auditLog.list(filter: filter, by: signed.context) : []
        var next: String?
        if rows.count == filter.limit, let last = rows.last {
            next = "/admin/audit?" + ["user", "patient", "from", "to"].map { "\($0)=\(FormData.encode(q[$0]))" }.joined(separator: "&") + "&before=\(last.id)"
        }
        return Responses.html(Layout.page(title: "Audit log", chrome: signed.chrome("audit"), [
            .h1("Audit log"),
            .form(method: .get, action: "/admin/audit", class: "search", [
                Layout.field("User", name: "user", value: q["user"], error: nil),
                Layout.field("Patient id", name: "patient", value: q["patient"], error: nil),
                Layout.field("From date", name: "from", value: q["from"], type: .date, error: errors["from"]),
                Layout.field("To date", name: "to", value: q["to"], type: .date, error: errors["to"]),
                .button(class: "primary", id: "filter", "Filter"),
            ]),
            .table(class: "audit", id: "audit-table", [
                .thead([.tr([.th("Time (UTC)"), .th("User"), .th("Role"), .th("Action"), .th("Outcome"), .th("Patient"), .th("Resource"),
                             .th("Client"), .th("Request"), .th("Detail")])]),
                .tbody(rows.map { r in
                    .tr(class: r.outcome == "success" ? nil : "outcome-\(r.outcome)", [
                        .td(r.at), .td(r.username), .td(r.role), .td(r.action), .td(r.outcome), .td(r.patientID),
                        .td(r.resourceType.isEmpty ? "" : "\(r.resourceType) \(r.resourceID)"), .td(r.clientAddress), .td([.code(r.requestID)]),
                        .td(r.detail),
                    ])
                }),
            ]),
            rows.isEmpty ? .p(class: "empty", "No audit events match.") : .empty,
            next.map { .p(class: "pager", [.a(href: $0, "Older events →")]) } ?? .empty,
        ]))
    }
}
