import CareCore
import CareServices
import HTTPServer

/// An error of the JSON API: `{"error":{"code","message","field"}}` with its HTTP status.
struct APIError: Error {
    let status: Int
    let code: String
    let message: String
    var field: String?
    var extra: [(String, JSONWriter.Value)] = []
    /// The methods a 405 names in its `Allow` header (RFC 9110 §15.5.6).
    var allow: String?

    var response: HTTPResponse {
        var error: [(String, JSONWriter.Value)] = [("code", .string(code)), ("message", .string(message))]
        if let field { error.append(("field", .string(field))) }
        error.append(contentsOf: extra)
        var r = Responses.json(JSONWriter.encode(.object([("error", .object(error))])), status: status)
        if status == 401 { r.headers.set("WWW-Authenticate", "Bearer realm=\"tend\"") }
        if let allow { r.headers.set("Allow", allow) }
        return r
    }

    static func from(_ error: ServiceError) -> APIError {
        switch error {
        case .unauthenticated, .invalidCredentials: APIError(status: 401, code: "unauthenticated", message: "a valid bearer token is required")
        case .throttled: APIError(status: 429, code: "throttled", message: "too many attempts; try again later")
        case .forbidden(let m): APIError(status: 403, code: "forbidden", message: m)
        case .notFound(let m): APIError(status: 404, code: "not_found", message: m)
        case .invalid(let f): APIError(status: 422, code: "invalid_field", message: f.errors.first.map { "\($0.field) \($0.message)" } ?? "invalid input",
                                       field: f.errors.first?.field,
                                       extra: [("fields", .array(f.errors.map { .object([("field", .string($0.field)), ("message", .string($0.message))]) }))])
        case .conflict(let field, let m): APIError(status: 409, code: "conflict", message: m, field: field)
        }
    }
}
