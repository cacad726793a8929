import CareCore
import CareServices
import Foundation
import HTTPServer
import Storage

/// The FHIR R4 API under `/fhir`: `metadata`, read `/{type}/{id}`, search `/{type}?…`. Bearer-token
/// authentication as the JSON API; every error is an OperationOutcome.
struct FHIRRoutes {
    let services: CareServices

    func handle(_ web: WebRequest) -> HTTPResponse {
        do {
            return try route(web)
        } catch let error as FHIRRequestError {
            return FHIRResponses.outcome(status: 400, code: error.isUnsupported ? "not-supported" : "invalid", error.description)
        } catch let error as ServiceError {
            switch error {
            case .unauthenticated, .invalidCredentials: return FHIRResponses.outcome(status: 401, code: "login", "a valid bearer token is required")
            case .forbidden(let m): return FHIRResponses.outcome(status: 403, code: "forbidden", m)
            case .notFound(let m): return FHIRResponses.outcome(status: 404, code: "not-found", m)
            case .throttled: return FHIRResponses.outcome(status: 429, code: "throttled", "too many attempts")
            case .invalid, .conflict: return FHIRResponses.outcome(status: 400, code: "invalid", "\(error)")
            }
        } catch {
            FileHandle.standardError.write(Data("request \(web.request.requestID) \(web.request.method) \(web.request.path) failed: \(error)\n".utf8))
            return FHIRResponses.outcome(status: 500, code: "exception", "internal error (request \(web.request.requestID))")
        }
    }

    private func route(_ web: WebRequest) throws -> HTTPResponse {
        let segments = Array(web.request.segments.dropFirst())
        guard web.method == "GET" else {
            var r = FHIRResponses.outcome(status: 405, code: "not-supported", "this server is read-only over FHIR: use GET")
            r.headers.set("Allow", "GET")
            return r
        }
        if segments == ["metadata"] {
            return FHIRResponses.resource(CapabilityStatement.json(at: Timestamp.string(services.environment.clock.now())))
        }
        let context = try authenticate(web)
        switch segments.count {
        case 1:
            let type = segments[0]
            let pairs = web.request.queryItems.pairs.map { (name: $0.name, value: $0.value) }
            let parsed = try FHIRSearchParameters.parse(type, pairs)
            let queryText = pairs.filter { $0.name != "_cursor" }.map { "\(FormData.encode($0.name))=\(FormData.encode($0.value))" }.joined(separator: "&")
            let page = try services.fhirAPI.search(resourceType: type, parsed, queryText: queryText, by: context)
            let base = "/fhir"
            let selfURL = "\(base)/\(type)" + (web.request.query.isEmpty ? "" : "?" + web.request.query)
            let nextURL = page.nextAfter.map { "\(base)/\(type)?" + (queryText.isEmpty ? "" : queryText + "&") + "_cursor=\($0)" }
            return FHIRResponses.searchset(page, base: base, selfURL: selfURL, nextURL: nextURL)
        case 2:
            guard web.request.query.isEmpty else {
                throw FHIRRequestError.unsupportedParameter(resourceType: segments[0], name: web.request.queryItems.pairs.first?.name ?? "?")
            }
            let stored = try services.fhirAPI.read(resourceType: segments[0], id: segments[1], by: context)
            var r = FHIRResponses.resource(stored.content)
            r.headers.set("ETag", "W/\"\(stored.version)\"")
            return r
        default:
            return FHIRResponses.outcome(status: 404, code: "not-found", "no such FHIR endpoint (supported: metadata, {type}/{id}, {type}?params)")
        }
    }

    private func authenticate(_ web: WebRequest) throws -> RequestContext {
        guard let header = web.request.headers["Authorization"], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw ServiceError.unauthenticated
        }
        let principal = try services.auth.principal(forToken: String(header.dropFirst(7)).trimmed)
        return RequestContext(principal: principal, clientAddress: web.clientAddress, requestID: web.request.requestID)
    }
}

extension FHIRRequestError {
    var isUnsupported: Bool {
        switch self {
        case .unsupportedParameter, .unsupportedSearch: true
        case .invalidValue: false
        }
    }
}
