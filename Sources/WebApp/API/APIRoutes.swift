import Foundation
import CareCore
import CareServices
import HTTPServer
import Storage

/// The JSON API under `/api/v1`, authenticated by bearer token. Documented in `OpenAPIDocument`.
struct APIRoutes {
    let services: CareServices
    let configuration: WebConfiguration

    func handle(_ web: WebRequest) -> HTTPResponse {
        do {
            return try route(web)
        } catch let error as APIError {
            return error.response
        } catch let error as ServiceError {
            return APIError.from(error).response
        } catch {
            FileHandle.standardError.write(Data("request \(web.request.requestID) \(web.request.method) \(web.request.path) failed: \(error)\n".utf8))
            return APIError(status: 500, code: "internal", message: "internal error (request \(web.request.requestID))").response
        }
    }

    private func route(_ web: WebRequest) throws -> HTTPResponse {
        let segments = web.request.segments
        if segments == ["api", "openapi.json"] {
            guard web.method == "GET" else { throw methodNotAllowed("GET") }
            return Responses.json(Array(OpenAPIDocument.json.utf8))
        }
        guard segments.count >= 3, segments[1] == "v1" else { throw APIError(status: 404, code: "not_found", message: "no such endpoint") }
        let context = try authenticate(web)
        let rest = Array(segments.dropFirst(2))
        if match("patients", rest) != nil {
            switch web.method {
            case "GET": return try search(web, context)
            case "POST": return try create(web, context)
            default: throw methodNotAllowed("GET, POST")
            }
        }
        if let p = match("patients/:id", rest) {
            switch web.method {
            case "GET": return Responses.json(JSONWriter.encode(PatientJSON.encode(try services.patients.chart(p[0], by: context).record)))
            case "PATCH": return try patch(p[0], web, context)
            default: throw methodNotAllowed("GET, PATCH")
            }
        }
        if let response = try RiskAPI(services: services).route(rest, web, context) { return response }
        throw APIError(status: 404, code: "not_found", message: "no such endpoint")
    }

    private func authenticate(_ web: WebRequest) throws -> RequestContext {
        guard let header = web.request.headers["Authorization"], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw APIError(status: 401, code: "unauthenticated", message: "send Authorization: Bearer <token> (create one with `tend token create`)")
        }
        let principal = try services.auth.principal(forToken: String(header.dropFirst(7)).trimmed)
        return RequestContext(principal: principal, clientAddress: web.clientAddress, requestID: web.request.requestID)
    }

    private func jsonBody(_ web: WebRequest) throws -> [String: Any] {
        if web.request.body.count > configuration.apiBodyLimit {
            throw APIError(status: 413, code: "payload_too_large", message: "the body is over the limit of \(configuration.apiBodyLimit) bytes")
        }
        let type = web.request.headers["Content-Type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") || type.hasPrefix("application/merge-patch+json") else {
            throw APIError(status: 415, code: "unsupported_media_type", message: "send Content-Type: application/json")
        }
        return try PatientJSON.object(from: web.request.body)
    }

    private func create(_ web: WebRequest, _ context: RequestContext) throws -> HTTPResponse {
        var draft = PatientDraft()
        try PatientJSON.apply(try jsonBody(web), to: &draft)
        let q = web.request.queryItems
        if let unknown = q.pairs.map(\.name).first(where: { $0 != "confirmNotDuplicate" }) {
            throw APIError(status: 400, code: "unsupported_parameter", message: "unsupported parameter \(unknown)", field: unknown)
        }
        let confirmed: Bool
        switch q.all("confirmNotDuplicate") {
        case []: confirmed = false
        case ["true"]: confirmed = true
        case ["false"]: confirmed = false
        default: throw PatientJSON.invalid("confirmNotDuplicate", "must be true or false")
        }
        switch try services.patients.create(draft, confirmedNotDuplicate: confirmed, by: context) {
        case .created(let record):
            var r = Responses.json(JSONWriter.encode(PatientJSON.encode(record)), status: 201)
            r.headers.set("Location", "/api/v1/patients/\(record.id)")
            return r
        case .possibleDuplicates(let candidates):
            throw APIError(status: 409, code: "possible_duplicate",
                           message: "a patient with the same birth date and a similar name exists; repeat with ?confirmNotDuplicate=true to create anyway",
                           extra: [("candidates", .array(candidates.map {
                               .object([("id", $0.patientID.isEmpty ? .null : .string($0.patientID)), ("name", .string($0.name)),
                                        ("birthDate", .string($0.birthDate.description)), ("reason", .string($0.reason))])
                           }))])
        }
    }

    private func patch(_ id: String, _ web: WebRequest, _ context: RequestContext) throws -> HTTPResponse {
        let object = try jsonBody(web)
        let expected = try object["version"].map { value throws(APIError) in try PatientJSON.version(value) }
        // The body's shape is checked before the transaction: a bad body must not save (and version) an unchanged patient.
        var probe = PatientDraft()
        try PatientJSON.apply(object, to: &probe)
        let record = try services.patients.update(id, by: context, expectedVersion: expected) { draft in
            // Cannot fail: the shape checks do not depend on the draft, and this object passed them above.
            try? PatientJSON.apply(object, to: &draft)
        }
        return Responses.json(JSONWriter.encode(PatientJSON.encode(record)))
    }

    private func search(_ web: WebRequest, _ context: RequestContext) throws -> HTTPResponse {
        let q = web.request.queryItems
        let known: Set<String> = ["name", "birthDate", "identifier", "phone", "limit", "after"]
        if let unknown = q.pairs.map(\.name).first(where: { !known.contains($0) }) {
            throw APIError(status: 400, code: "unsupported_parameter", message: "unsupported search parameter \(unknown)", field: unknown)
        }
        var query = PatientQuery(name: q["name"], identifier: q["identifier"], phone: q["phone"], after: q["after"].isEmpty ? nil : q["after"])
        // Present but empty is an error, not "absent": `?birthDate=` is not a date.
        if q.has("birthDate") {
            guard let d = LocalDate(iso: q["birthDate"]) else { throw PatientJSON.invalid("birthDate", "must be a date written YYYY-MM-DD") }
            query.birthDate = d
        }
        if q.has("limit") {
            guard let n = Int(q["limit"]), (1...200).contains(n) else { throw PatientJSON.invalid("limit", "must be a number from 1 to 200") }
            query.limit = n
        }
        let page = try services.patients.search(query, by: context)
        var fields: [(String, JSONWriter.Value)] = [("total", .int(page.total)), ("patients", .array(page.patients.map(PatientJSON.encode)))]
        fields.append(("next", page.nextCursor.map { .string($0) } ?? .null))
        return Responses.json(JSONWriter.encode(.object(fields)))
    }

    private func methodNotAllowed(_ allow: String) -> APIError {
        APIError(status: 405, code: "method_not_allowed", message: "allowed methods: \(allow)", allow: allow)
    }
}
