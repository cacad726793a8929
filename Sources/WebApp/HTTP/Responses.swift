import HTML
import HTTPServer

/// Response builders with Tend's security headers on every response.
enum Responses {
    /// Content-Security-Policy: only our own stylesheet, no scripts, no framing, forms post to us only.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func secured(_ response: HTTPResponse, noStore: Bool = true) -> HTTPResponse {
        var r = response
        r.headers.set("Content-Security-Policy", contentSecurityPolicy)
        r.headers.set("X-Content-Type-Options", "nosniff")
        r.headers.set("X-Frame-Options", "DENY")
        r.headers.set("Referrer-Policy", "no-referrer")
        r.headers.set("Cross-Origin-Opener-Policy", "same-origin")
        r.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if noStore { r.headers.set("Cache-Control", "no-store") }
        return r
    }

    static func html(_ node: Node, status: Int = 200) -> HTTPResponse {
        secured(HTTPResponse(status: status, headers: ["Content-Type": "text/html; charset=utf-8"], body: node.renderBytes()))
    }

    static func json(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        secured(HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: bytes))
    }

    static func text(_ text: String, status: Int) -> HTTPResponse {
        secured(HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8)))
    }

    /// 303 See Other: after a POST, the browser GETs `location`.
    static func redirect(_ location: String) -> HTTPResponse {
        secured(HTTPResponse(status: 303, headers: ["Location": location], body: []))
    }
}
