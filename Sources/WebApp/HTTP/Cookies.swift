import HTTPServer

/// The cookies Tend sets: HttpOnly, SameSite=Strict, Path=/, and Secure whenever the request came over TLS.
enum Cookies {
    static let session = "tend_session"
    static let loginCSRF = "tend_login_csrf"

    static func set(_ name: String, _ value: String, secure: Bool, on response: inout HTTPResponse) {
        response.headers.add("Set-Cookie", "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""))
    }

    static func clear(_ name: String, secure: Bool, on response: inout HTTPResponse) {
        response.headers.add("Set-Cookie", "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""))
    }
}
