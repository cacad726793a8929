import Foundation
import XCTest

/// The JSON API over HTTP: create, read, patch, search with paging, and every error shape.
final class PatientAPITests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    private let ada = #"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}"#

    private func error(_ response: WireResponse, file: StaticString = #filePath, line: UInt = #line) -> (code: String?, field: String?, message: String?) {
        XCTAssertEqual(response.header("Content-Type"), "application/json", file: file, line: line)
        let body = response.json(file: file, line: line)["error"] as? [String: Any]
        XCTAssertNotNil(body, "errors are {\"error\":{…}}: \(response.text)", file: file, line: line)
        return (body?["code"] as? String, body?["field"] as? String, body?["message"] as? String)
    }

    func testCreateReadAndPatchAda() throws {
        let created = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: ada)
        XCTAssertEqual(created.status, 201)
        let patient = created.json()
        let id = try XCTUnwrap(patient["id"] as? String)
        XCTAssertFalse(id.isEmpty)
        XCTAssertEqual(created.header("Location"), "/api/v1/patients/\(id)")
        XCTAssertEqual(patient["givenName"] as? String, "Ada")
        XCTAssertEqual(patient["birthDate"] as? String, "1950-12-10")
        XCTAssertEqual(patient["sex"] as? String, "female")

        let read = try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1")
        XCTAssertEqual(read.status, 200)
        XCTAssertEqual(read.json()["familyName"] as? String, "Lovelace")
        XCTAssertEqual(read.json()["version"] as? Int, 1)

        let patched = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"phone": "617-555-0100", "version": 1}"#)
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(patched.json()["givenName"] as? String, "Ada", "absent fields stay as they were")
        XCTAssertEqual(patched.json()["version"] as? Int, 2)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1").json()["phone"] as? String,
                       patched.json()["phone"] as? String)
        XCTAssertTrue((patched.json()["phone"] as? String ?? "").contains("555"))

        // A stale version is a conflict, not a silent overwrite.
        let stale = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"givenName": "Augusta", "version": 1}"#)
        XCTAssertEqual(stale.status, 409)
        XCTAssertEqual(error(stale).field, "version")
    }

    func testSearchByEachCriterionWithCursorPagingAndTotals() throws {
        for i in 0..<5 {
            try harness.createPatient("Pat\(["a", "b", "c", "d", "e"][i])", "Paging", birthDate: "1970-0\(i + 1)-15", phone: "617-555-01\(10 + i)",
                                      identifiers: [("mrn", "PG-\(i)")], as: "a-cm1")
        }
        try harness.createPatient("Other", "Person", birthDate: "1970-01-15", as: "a-cm1")

        var seen: [String] = []
        var target = "/api/v1/patients?name=paging&limit=2"
        var pages = 0
        while pages < 10 {  // 5 results at 2 a page: 3 pages
            let page = try harness.api("GET", target, as: "a-cm1")
            XCTAssertEqual(page.status, 200)
            let body = page.json()
            XCTAssertEqual(body["total"] as? Int, 5)
            let patients = body["patients"] as? [[String: Any]] ?? []
            XCTAssertLessThanOrEqual(patients.count, 2)
            seen += patients.compactMap { $0["id"] as? String }
            pages += 1
            guard let next = body["next"] as? String else { break }
            target = "/api/v1/patients?name=paging&limit=2&after=\(FormCodec.encode(next))"
        }
        XCTAssertEqual(pages, 3)
        XCTAssertEqual(seen.count, 5)
        XCTAssertEqual(Set(seen).count, 5, "no patient twice across pages")

        func names(_ query: String) throws -> [String] {
            let response = try harness.api("GET", "/api/v1/patients?\(query)", as: "a-cm1")
            XCTAssertEqual(response.status, 200, query)
            return (response.json()["patients"] as? [[String: Any]] ?? []).compactMap { $0["givenName"] as? String }.sorted()
        }
        XCTAssertEqual(try names("birthDate=1970-01-15"), ["Other", "Pata"])
        XCTAssertEqual(try names("identifier=PG-3"), ["Patd"])
        XCTAssertEqual(try names("phone=5550112"), ["Patc"])
        XCTAssertEqual(try names("name=paging&birthDate=1970-05-15"), ["Pate"])
        XCTAssertEqual(try names("name=nobody"), [])

        let badParameter = try harness.api("GET", "/api/v1/patients?colour=blue", as: "a-cm1")
        XCTAssertEqual(badParameter.status, 400)
        XCTAssertEqual(error(badParameter).field, "colour")
        let badDate = try harness.api("GET", "/api/v1/patients?birthDate=1970-13-01", as: "a-cm1")
        XCTAssertEqual(badDate.status, 422)
        XCTAssertEqual(error(badDate).field, "birthDate")
    }

    func testMalformedJSONIs400() throws {
        for body in ["{\"givenName\": ", "not json", "[1, 2]"] {
            let response = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: body)
            XCTAssertEqual(response.status, 400, body)
            XCTAssertEqual(error(response).code, "bad_json", body)
        }
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 0)
    }

    func testUnknownPatientIs404JSON() throws {
        let response = try harness.api("GET", "/api/v1/patients/00000000-0000-0000-0000-000000000000", as: "a-super")
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(error(response).code, "not_found")
        let patch = try harness.api("PATCH", "/api/v1/patients/nope", as: "a-super", json: #"{"givenName": "X"}"#)
        XCTAssertEqual(patch.status, 404)
    }

    func testBodyOverTheAPILimitIs413JSON() throws {
        func body(totalBytes: Int) -> String { "{\"x\": \"" + String(repeating: "y", count: totalBytes - 9) + "\"}" }
        let limit = 256 * 1024
        XCTAssertEqual(body(totalBytes: limit).utf8.count, limit)
        let over = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: body(totalBytes: limit + 1))
        XCTAssertEqual(over.status, 413)
        XCTAssertEqual(error(over).code, "payload_too_large")
        // Exactly at the limit is not refused for its size (it is refused for its content instead).
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: body(totalBytes: limit)).status, 422)
        let patch = try harness.api("PATCH", "/api/v1/patients/any", as: "a-cm1", json: body(totalBytes: 300 * 1024))
        XCTAssertEqual(patch.status, 413)
        // Above the server's own 1 MiB limit the answer is still 413 (from the HTTP layer) and nothing is written.
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: body(totalBytes: 2 << 20)).status, 413)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 0)
    }

    func testInvalidFieldsAre422NamingTheField() throws {
        let cases: [(String, String)] = [
            (#"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-13-40", "sex": "female"}"#, "birthDate"),
            (#"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "f"}"#, "sex"),
            (#"{"givenName": 5, "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}"#, "givenName"),
            (#"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female", "shoeSize": 38}"#, "shoeSize"),
            (#"{"familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}"#, "givenName"),
            (#"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female", "interpreterNeeded": 1}"#, "interpreterNeeded"),
        ]
        for (body, field) in cases {
            let response = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: body)
            XCTAssertEqual(response.status, 422, body)
            let e = error(response)
            XCTAssertEqual(e.code, "invalid_field", body)
            XCTAssertEqual(e.field, field, body)
            XCTAssertFalse((e.message ?? "").isEmpty)
        }
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 0)
        // PATCH validates the same way and leaves the patient unchanged.
        let id = try harness.createPatient("Ada", "Lovelace", birthDate: "1950-12-10", as: "a-cm1")
        let patch = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"birthDate": "1950-02-30"}"#)
        XCTAssertEqual(patch.status, 422)
        XCTAssertEqual(error(patch).field, "birthDate")
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1").json()["birthDate"] as? String, "1950-12-10")
    }

    func testDuplicateIdentifierIs409AndPossibleDuplicateNeedsConfirmation() throws {
        let withMRN = #"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female", "identifiers": [{"system": "mrn", "value": "M-1"}]}"#
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: withMRN).status, 201)
        let sameMRN = #"{"givenName": "Charles", "familyName": "Babbage", "birthDate": "1941-12-26", "sex": "male", "identifiers": [{"system": "mrn", "value": "M-1"}]}"#
        let clash = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: sameMRN)
        XCTAssertEqual(clash.status, 409)
        XCTAssertEqual(error(clash).field, "identifiers")
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients?confirmNotDuplicate=true", as: "a-cm1", json: sameMRN).status, 409,
                       "an identifier clash cannot be confirmed away")

        let likely = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: ada)
        XCTAssertEqual(likely.status, 409)
        XCTAssertEqual(error(likely).code, "possible_duplicate")
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 1)
        let confirmed = try harness.api("POST", "/api/v1/patients?confirmNotDuplicate=true", as: "a-cm1", json: ada)
        XCTAssertEqual(confirmed.status, 201)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 2)
    }

    func testMissingOrInvalidTokenIs401() throws {
        let none = try harness.api("GET", "/api/v1/patients")
        XCTAssertEqual(none.status, 401)
        XCTAssertEqual(error(none).code, "unauthenticated")
        XCTAssertNotNil(none.header("WWW-Authenticate"))
        let wrong = try harness.api("GET", "/api/v1/patients", token: "tend_notarealtoken")
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(error(wrong).code, "unauthenticated")
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients", token: "tend_notarealtoken", json: ada).status, 401)
        // A browser session cookie is not an API credential.
        let browser = harness.browser()
        try browser.login("a-cm1")
        XCTAssertEqual(try browser.get("/api/v1/patients").status, 401)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 0)
    }

    func testOpenAPIDocumentIsOpenAPI3DescribingThePatientPaths() throws {
        let response = try harness.api("GET", "/api/openapi.json")
        XCTAssertEqual(response.status, 200)
        let document = response.json()
        XCTAssertTrue((document["openapi"] as? String ?? "").hasPrefix("3."))
        XCTAssertNotNil((document["info"] as? [String: Any])?["title"] as? String)
        XCTAssertNotNil((document["info"] as? [String: Any])?["version"] as? String)
        let paths = try XCTUnwrap(document["paths"] as? [String: Any])
        let collection = try XCTUnwrap(paths["/api/v1/patients"] as? [String: Any])
        XCTAssertNotNil(collection["get"])
        XCTAssertNotNil(collection["post"])
        let item = try XCTUnwrap(paths.first { $0.key.hasPrefix("/api/v1/patients/{") }?.value as? [String: Any])
        XCTAssertNotNil(item["get"])
        XCTAssertNotNil(item["patch"])
        // Every $ref points at something that exists in the document.
        var refs: [String] = []
        func collect(_ value: Any) {
            if let o = value as? [String: Any] {
                if let r = o["$ref"] as? String { refs.append(r) }
                o.values.forEach(collect)
            } else if let a = value as? [Any] { a.forEach(collect) }
        }
        collect(document)
        XCTAssertFalse(refs.isEmpty)
        for ref in refs {
            XCTAssertTrue(ref.hasPrefix("#/"), ref)
            var node: Any? = document
            for part in ref.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(part)] }
            XCTAssertNotNil(node, "dangling $ref \(ref)")
        }
    }
}
