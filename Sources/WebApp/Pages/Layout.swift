import CareCore
import HTML

/// The frame of every page: skip link, header with the navigation the user's role allows, main content.
enum Layout {
    /// The signed-in user's page chrome.
    struct Chrome {
        let principal: Principal
        let csrf: String
        let section: String
    }

    static func page(title: String, chrome: Chrome?, _ content: [Node]) -> Node {
        .document(lang: "en", head: [
            .title(title + " · Tend"),
            .meta(name: "viewport", content: "width=device-width, initial-scale=1"),
            .link(rel: "stylesheet", href: "/static/tend.css"),
        ], body: [
            .a(href: "#main", class: "skip-link", "Skip to main content"),
            header(chrome),
            .main(id: "main", attributes: [Attribute("tabindex", "-1")], content),
        ])
    }

    private static func header(_ chrome: Chrome?) -> Node {
        guard let chrome else {
            return .header(class: "site-header", [.div(class: "brand", [.a(href: "/", "Tend")])])
        }
        let role = chrome.principal.role
        var links: [(String, String, String)] = []
        if AccessRules.canUseRegistry(role) { links.append(("patients", "/patients", "Patients")) }
        if AccessRules.canCreatePatient(role) { links.append(("new", "/patients/new", "New patient")) }
        if AccessRules.canSeeAggregates(role) { links.append(("population", "/population", "Population")) }
        if AccessRules.riskScope(role) != nil { links.append(("risk", "/population/risk", "Risk")) }
        if AccessRules.canBreakGlass(role) { links.append(("break-glass", "/break-glass", "Emergency access")) }
        if AccessRules.canReviewBreakGlass(role) { links.append(("review", "/break-glass/review", "Access review")) }
        if AccessRules.canManageUsers(role) { links.append(("users", "/admin/users", "Users")) }
        if AccessRules.canImportData(role) { links.append(("import", "/admin/import", "Import")) }
        if AccessRules.canReadAuditLog(role) { links.append(("audit", "/admin/audit", "Audit log")) }
        return .header(class: "site-header", [
            .div(class: "brand", [.a(href: "/", "Tend")]),
            .nav(attributes: [.aria("label", "Main")], [
                .ul(links.map { key, href, label in
                    .li([.a(href: href, attributes: key == chrome.section ? [.aria("current", "page")] : [], label)])
                }),
            ]),
            .div(class: "user", [
                .span(class: "user-name", chrome.principal.displayName),
                .span(class: "user-role", role.title),
                .form(method: .post, action: "/logout", class: "inline", [
                    .input(type: .hidden, name: "csrf", value: chrome.csrf),
                    .button(class: "link-button", id: "logout", "Sign out"),
                ]),
            ]),
        ])
    }

    /// A labelled form field with its inline error (announced to screen readers via aria-describedby).
    static func field(_ label: String, name: String, value: String, type: InputType = .text, error: String?, required: Bool = false,
                      hint: String? = nil, attributes: [Attribute] = []) -> Node {
        let id = "f-" + name.replacingDots
        var attrs = attributes
        var described: [String] = []
        if hint != nil { described.append(id + "-hint") }
        if error != nil {
            described.append(id + "-error")
            attrs.append(.aria("invalid", "true"))
        }
        if !described.isEmpty { attrs.append(.aria("describedby", described.joined(separator: " "))) }
        return .div(class: error == nil ? "field" : "field has-error", [
            .label(for: id, [.text(label), required ? .span(class: "required", attributes: [.aria("hidden", "true")], " *") : .empty]),
            hint.map { .p(class: "hint", id: id + "-hint", $0) } ?? .empty,
            .input(type: type, name: name, value: value, id: id, required: required, attributes: attrs),
            // Validation messages are predicates ("is required"); with the label they read as a sentence on their own.
            error.map { .p(class: "error", id: id + "-error", "\(label) \($0)") } ?? .empty,
        ])
    }
}

/// Error pages for people (404, 403, 500).
enum ErrorPage {
    static func render(status: Int, message: String, chrome: Layout.Chrome? = nil) -> Node {
        let title = switch status {
        case 404: "Not found"
        case 403: "Not allowed"
        case 400: "Bad request"
        default: "Error"
        }
        return Layout.page(title: title, chrome: chrome, [.h1(title), .p(message), .p([.a(href: "/", "Go to the start page")])])
    }
}

extension String {
    var replacingDots: String { String(map { $0 == "." || $0 == "[" || $0 == "]" ? "-" : $0 }) }
}
