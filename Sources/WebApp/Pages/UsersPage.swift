import CareCore
import CareServices
import HTML
import HTTPServer
import Storage

/// Administrators manage their organization's users: list them, add one, change a role.
struct UsersPage {
    let services: CareServices
    let signed: PageRoutes.Signed

    func list(message: String? = nil, errors: [String: String] = [:], form: FormData? = nil, status: Int = 200) throws -> HTTPResponse {
        guard AccessRules.canManageUsers(signed.session.principal.role) else { throw ServiceError.forbidden("only administrators manage users") }
        let users = try services.admin.users(by: signed.context)
        let csrf = signed.session.csrfToken
        let roleOptions: (Role) -> [Node] = { current in Role.allCases.map { .option(value: $0.rawValue, $0.title, selected: $0 == current) } }
        return Responses.html(Layout.page(title: "Users", chrome: signed.chrome("users"), [
            .h1("Users"),
            message.map { .p(class: "warning", attributes: [.role("status")], $0) } ?? .empty,
            .table(class: "users", [
                .thead([.tr([.th("Name"), .th("Username"), .th("Role"), .th("Change role"), .th("Access")])]),
                .tbody(users.map { u in
                    .tr([.td(u.displayName), .td(u.username), .td(u.disabled ? "\(u.role.title) (disabled)" : u.role.title), .td([
                        .form(method: .post, action: "/admin/users/role", class: "inline-form", [
                            .input(type: .hidden, name: "csrf", value: csrf),
                            .input(type: .hidden, name: "username", value: u.username),
                            .label(for: "role-\(u.id)", class: "visually-hidden", "New role for \(u.username)"),
                            .select(name: "role", id: "role-\(u.id)", roleOptions(u.role)),
                            .button("Change"),
                        ]),
                    ]), .td([
                        .form(method: .post, action: "/admin/users/access", class: "inline-form", [
                            .input(type: .hidden, name: "csrf", value: csrf),
                            .input(type: .hidden, name: "username", value: u.username),
                            .input(type: .hidden, name: "disable", value: u.disabled ? "no" : "yes"),
                            .button(class: u.disabled ? nil : "danger", u.disabled ? "Enable \(u.username)" : "Disable \(u.username)"),
                        ]),
                    ])])
                }),
            ]),
            .h2("Add a user"),
            .form(method: .post, action: "/admin/users", class: "patient-form", [
                .input(type: .hidden, name: "csrf", value: csrf),
                Layout.field("Full name", name: "name", value: form?["name"] ?? "", error: errors["name"], required: true),
                Layout.field("Username", name: "username", value: form?["username"] ?? "", error: errors["username"], required: true,
                             hint: "3 to 64 lowercase letters, digits, '.', '_' or '-'"),
                .div(class: "field", [.label(for: "f-role", "Role"), .select(name: "role", id: "f-role", roleOptions(.careManager))]),
                Layout.field("Initial password", name: "password", value: "", type: .password, error: errors["password"], required: true,
                             hint: "At least 12 characters; give it to the person privately", attributes: [.autocomplete("new-password")]),
                .button(class: "primary", id: "add-user", "Add user"),
            ]),
        ]), status: status)
    }

    func create() throws -> HTTPResponse {
        let form = signed.web.request.form
        guard let role = Role(rawValue: form["role"]) else { return try list(errors: ["role": "choose a role"], form: form, status: 422) }
        let organization = try services.admin.organizationName(by: signed.context)
        do {
            try services.admin.createUser(organization: organization, username: form["username"], displayName: form["name"].trimmed.isEmpty ? nil : form["name"].trimmed,
                                          role: role, password: form["password"], by: signed.context)
        } catch ServiceError.invalid(let f) {
            return try list(errors: Dictionary(f.errors.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }), form: form, status: 422)
        } catch ServiceError.conflict(let field, let message) {
            return try list(errors: [field: message], form: form, status: 409)
        }
        return Responses.redirect("/admin/users")
    }

    func setAccess() throws -> HTTPResponse {
        let form = signed.web.request.form
        do {
            try services.admin.setDisabled(username: form["username"], form["disable"] == "yes", by: signed.context)
        } catch ServiceError.conflict(_, let message) {
            return try list(message: message, status: 409)
        }
        return Responses.redirect("/admin/users")
    }

    func changeRole() throws -> HTTPResponse {
        let form = signed.web.request.form
        guard let role = Role(rawValue: form["role"]) else { return try list(message: "Choose a role.", status: 422) }
        try services.admin.changeRole(username: form["username"], to: role, by: signed.context)
        return Responses.redirect("/admin/users")
    }
}
