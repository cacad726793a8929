import CareServices
import HTTPServer
import Storage

/// FHIR JSON responses (`application/fhir+json`): resources as stored, search Bundles, OperationOutcomes.
enum FHIRResponses {
    static let contentType = "application/fhir+json; charset=utf-8"

    static func resource(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        var r = Responses.json(bytes, status: status)
        r.headers.set("Content-Type", contentType)
        return r
    }

    /// An OperationOutcome with one issue (https://hl7.org/fhir/R4/operationoutcome.html).
    static func outcome(status: Int, code: String, _ message: String) -> HTTPResponse {
        let issue: JSONWriter.Value = .object([("severity", .string("error")), ("code", .string(code)), ("diagnostics", .string(message))])
        var r = resource(JSONWriter.encode(.object([("resourceType", .string("OperationOutcome")), ("issue", .array([issue]))])), status: status)
        if status == 401 { r.headers.set("WWW-Authenticate", "Bearer realm=\"tend\"") }
        return r
    }

    /// A `searchset` Bundle with `total`, self and next links, and the stored resources embedded as they are.
    static func searchset(_ page: FHIRSearchPage, base: String, selfURL: String, nextURL: String?) -> HTTPResponse {
        var out: [UInt8] = []
        out += Array(#"{"resourceType":"Bundle","type":"searchset","total":\#(page.total),"link":["#.utf8)
        out += JSONWriter.encode(.object([("relation", .string("self")), ("url", .string(selfURL))]))
        if let nextURL { out += Array(",".utf8) + JSONWriter.encode(.object([("relation", .string("next")), ("url", .string(nextURL))])) }
        out += Array(#"],"entry":["#.utf8)
        for (index, stored) in page.resources.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += Array(#"{"fullUrl":"#.utf8) + JSONWriter.encode(.string("\(base)/\(stored.resourceType)/\(stored.id)"))
            out += Array(#","resource":"#.utf8) + stored.content + Array(#","search":{"mode":"match"}}"#.utf8)
        }
        out += Array("]}".utf8)
        return resource(out)
    }
}
