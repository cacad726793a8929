import CareCore
import CareServices
import Foundation
import HTTPServer
import Security

/// Settings of the web layer.
public struct WebConfiguration: Sendable {
    /// Addresses of reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed.
    public var trustedProxies: Set<String> = []
    /// Largest JSON body the API accepts (413 above it).
    public var apiBodyLimit = 256 * 1024
    /// Log one line per request to standard output (method, path, status, time; never query strings).
    public var logRequests = false

    public init() {}
}

/// Tend's HTTP handler: routes pages, the JSON API and health checks to the use cases.
public final class WebApplication: Sendable {
    let services: CareServices
    let configuration: WebConfiguration

    public init(services: CareServices, configuration: WebConfiguration = WebConfiguration()) {
        self.services = services
        self.configuration = configuration
    }

    /// Answers one request. Never throws: unexpected errors become a 500 without details.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let started = Date()
        let web = WebRequest(request, configuration: configuration)
        var response: HTTPResponse
        do {
            response = try route(web)
        } catch {
            FileHandle.standardError.write(Data("request \(request.requestID) \(request.method) \(request.path) failed: \(error)\n".utf8))
            response = web.isAPI
                ? APIError(status: 500, code: "internal", message: "internal error (request \(request.requestID))").response
                : Responses.html(ErrorPage.render(status: 500, message: "Something went wrong on our side. Reference: \(request.requestID)"), status: 500)
        }
        // The id in every audit row of this request: support can find them from a user's report.
        response.headers.set("X-Request-ID", request.requestID)
        if configuration.logRequests {
            let ms = Int(Date().timeIntervalSince(started) * 1000)
            print("\(Timestamp.string(Date())) \(request.requestID) \(web.clientAddress) \(request.method) \(request.path) \(response.status) \(ms)ms")
        }
        return response
    }

    private func route(_ web: WebRequest) throws -> HTTPResponse {
        let segments = web.request.segments
        let method = web.method
        switch segments.first {
        case "healthz":
            guard segments.count == 1 else { break }
            guard method == "GET" else { return methodNotAllowed("GET") }
            return Responses.text("ok\n", status: 200)
        case "static":
            guard method == "GET", segments == ["static", "tend.css"] else { break }
            var r = Responses.secured(HTTPResponse(status: 200, headers: ["Content-Type": "text/css; charset=utf-8"], body: Array(Stylesheet.css.utf8)), noStore: false)
            r.headers.set("Cache-Control", "public, max-age=3600")
            return r
        case "favicon.ico", "robots.txt":
            return Responses.text("not found\n", status: 404)
        case "api":
            return APIRoutes(services: services, configuration: configuration).handle(web)
        case "fhir":
            return FHIRRoutes(services: services).handle(web)
        case "admin" where segments == ["admin", "import"]:
            return try ImportPage(services: services).handle(web)
        case "login":
            guard segments.count == 1 else { break }
            return try LoginRoutes(services: services).handle(web)
        case "logout":
            guard segments.count == 1 else { break }
            guard method == "POST" else { return methodNotAllowed("POST") }
            return try LoginRoutes(services: services).logout(web)
        default:
            return try PageRoutes(services: services).handle(web)
        }
        return Responses.html(ErrorPage.render(status: 404, message: "There is no page at this address."), status: 404)
    }

    func methodNotAllowed(_ allowed: String) -> HTTPResponse {
        var r = Responses.text("method not allowed\n", status: 405)
        r.headers.set("Allow", allowed)
        return r
    }
}

/// A request with what the web layer derives from it: the client's address, whether it came over TLS.
struct WebRequest {
    let request: HTTPRequest
    let clientAddress: String
    let isSecure: Bool

    init(_ request: HTTPRequest, configuration: WebConfiguration) {
        self.request = request
        let fromProxy = configuration.trustedProxies.contains(request.remoteAddress)
        if fromProxy, let forwarded = request.headers["X-Forwarded-For"]?.split(separator: ",").last {
            clientAddress = String(forwarded.trimmingSpaces)
        } else {
            clientAddress = request.remoteAddress
        }
        isSecure = fromProxy && request.headers["X-Forwarded-Proto"]?.lowercased() == "https"
    }

    /// HEAD is answered as GET (the server drops the body).
    var method: String { request.method == "HEAD" ? "GET" : request.method }
    var isAPI: Bool { request.path.hasPrefix("/api/") }
}
