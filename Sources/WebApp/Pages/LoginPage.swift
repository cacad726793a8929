import HTML

/// The sign-in form.
enum LoginPage {
    static func render(csrf: String, next: String, message: String?, username: String) -> Node {
        Layout.page(title: "Sign in", chrome: nil, [
            .div(class: "login-card", [
                .h1("Sign in to Tend"),
                message.map { .p(class: "alert", id: "login-error", attributes: [.role("alert")], $0) } ?? .empty,
                .form(method: .post, action: "/login", [
                    .input(type: .hidden, name: "csrf", value: csrf),
                    .input(type: .hidden, name: "next", value: next),
                    Layout.field("Username", name: "username", value: username, error: nil, required: true,
                                 attributes: [.autocomplete("username"), .autofocus]),
                    Layout.field("Password", name: "password", value: "", type: .password, error: nil, required: true,
                                 attributes: [.autocomplete("current-password")]),
                    .button(class: "primary", id: "sign-in", "Sign in"),
                ]),
            ]),
        ])
    }
}
