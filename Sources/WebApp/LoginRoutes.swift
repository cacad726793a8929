import CareCore
import CareServices
import HTTPServer
import Security

/// Login and logout. The login form is protected against login CSRF by a double-submit token
/// (a cookie and a hidden field that must match); a successful login always starts a new session id.
struct LoginRoutes {
    let services: CareServices

    func handle(_ web: WebRequest) throws -> HTTPResponse {
        switch web.method {
        case "GET": return self.form(web, message: nil, username: "", status: 200)
        case "POST": return try login(web)
        default:
            var r = Responses.text("method not allowed\n", status: 405)
            r.headers.set("Allow", "GET, POST")
            return r
        }
    }

    private func form(_ web: WebRequest, message: String?, username: String, status: Int) -> HTTPResponse {
        // Keep the token this browser already holds: a second request for the form (another tab, or the
        // browser's own /favicon.ico request redirected here) must not invalidate the form on screen.
        let held = web.request.cookie(Cookies.loginCSRF) ?? ""
        let token = Self.isWellFormedToken(held) ? held : SecureRandom.token()
        let next = Self.safeNext(web.request.queryItems["next"].isEmpty ? web.request.form["next"] : web.request.queryItems["next"])
        var response = Responses.html(LoginPage.render(csrf: token, next: next, message: message, username: username), status: status)
        Cookies.set(Cookies.loginCSRF, token, secure: web.isSecure, on: &response)
        return response
    }

    private func login(_ web: WebRequest) throws -> HTTPResponse {
        let form = web.request.form
        let cookieToken = web.request.cookie(Cookies.loginCSRF) ?? ""
        guard !cookieToken.isEmpty, constantTimeEquals(Array(cookieToken.utf8), Array(form["csrf"].utf8)) else {
            return self.form(web, message: "Your sign-in form expired. Please try again.", username: form["username"], status: 403)
        }
        do {
            let session = try services.auth.login(username: form["username"], password: form["password"],
                                                  clientAddress: web.clientAddress, requestID: web.request.requestID)
            // An old session riding along is ended, so a fixed session id can never be upgraded by a login.
            if let old = web.request.cookie(Cookies.session) {
                try? services.auth.logout(sessionID: old, clientAddress: web.clientAddress, requestID: web.request.requestID)
            }
            var response = Responses.redirect(Self.safeNext(form["next"]))
            Cookies.set(Cookies.session, session.id, secure: web.isSecure, on: &response)
            Cookies.clear(Cookies.loginCSRF, secure: web.isSecure, on: &response)
            return response
        } catch ServiceError.throttled {
            return self.form(web, message: "Too many failed sign-ins. Wait 15 minutes and try again, or ask your administrator.",
                        username: form["username"], status: 429)
        } catch ServiceError.invalidCredentials {
            return self.form(web, message: "Wrong username or password.", username: form["username"], status: 401)
        }
    }

    func logout(_ web: WebRequest) throws -> HTTPResponse {
        if let id = web.request.cookie(Cookies.session) {
            let active = try? services.auth.session(id: id)
            // Logout is a state change: it needs the session's CSRF token like every other form.
            guard let active, constantTimeEquals(Array(active.csrfToken.utf8), Array(web.request.form["csrf"].utf8)) else {
                return Responses.html(ErrorPage.render(status: 403, message: "This form has expired. Go back, reload the page and try again."), status: 403)
            }
            try services.auth.logout(sessionID: id, clientAddress: web.clientAddress, requestID: web.request.requestID)
        }
        var response = Responses.redirect("/login")
        Cookies.clear(Cookies.session, secure: web.isSecure, on: &response)
        return response
    }

    /// A token `SecureRandom.token()` could have made: 43 base64url characters (32 random bytes).
    static func isWellFormedToken(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// Only a local path may follow the login (no open redirect to another site).
    static func safeNext(_ next: String) -> String {
        // A local path only: one leading "/", then no second "/" or "\" right after it, and no control
        // characters or spaces anywhere (browsers drop tabs and newlines, so "/\t/evil.example" would
        // become "//evil.example", another site).
        let bytes = Array(next.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2048,
              bytes.count == 1 || (bytes[1] != UInt8(ascii: "/") && bytes[1] != UInt8(ascii: "\\")),
              !bytes.contains(where: { $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) else { return "/" }
        return next
    }
}
