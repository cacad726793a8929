import Foundation
import XCTest

/// The JSON API keeps the contract its OpenAPI document states. Each test pins a mismatch that
/// schemathesis (Tests/APIFuzz/run.sh) found between the server and `/api/openapi.json`.
final class APIContractTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    private let ada = #"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}"#

    private func schemas() throws -> [String: Any] {
        let response = try harness.api("GET", "/api/openapi.json")
        XCTAssertEqual(response.status, 200)
        let components = try XCTUnwrap(response.json()["components"] as? [String: Any])
        return try XCTUnwrap(components["schemas"] as? [String: Any])
    }

    private func createAda(as username: String = "a-cm1") throws -> String {
        let created = try harness.api("POST", "/api/v1/patients", as: username, json: ada)
        XCTAssertEqual(created.status, 201, created.text)
        return try XCTUnwrap(created.json()["id"] as? String)
    }

    private func assertInvalid(_ response: WireResponse, field: String, status: Int = 422, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(response.status, status, response.text, file: file, line: line)
        XCTAssertEqual(response.header("Content-Type"), "application/json", file: file, line: line)
        let error = response.json(file: file, line: line)["error"] as? [String: Any]
        XCTAssertEqual(error?["field"] as? String, field, response.text, file: file, line: line)
    }

    // Found: `Patient` was allOf(PatientInput, …) and PatientInput forbids extra properties, so every
    // patient the server returned broke its own schema (id, createdAt, updatedAt "not allowed").
    func testPatientResponsesCarryExactlyTheDocumentedFields() throws {
        let id = try createAda()
        let patient = try XCTUnwrap(try schemas()["Patient"] as? [String: Any])
        XCTAssertNil(patient["allOf"], "Patient is a schema of its own, not the input schema plus extras")
        let documented = Set(try XCTUnwrap(patient["properties"] as? [String: Any]).keys)
        let required = Set(try XCTUnwrap(patient["required"] as? [String]))
        let read = try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1")
        XCTAssertEqual(read.status, 200)
        XCTAssertEqual(Set(read.json().keys), documented)
        XCTAssertEqual(required, documented, "the server always sends every field")
    }

    // Found: a patient read could not be sent back: the response fields were not declared on input.
    func testAPatientReadCanBeSentBackAsAPatch() throws {
        let id = try createAda()
        let read = try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1")
        let body = String(decoding: try JSONSerialization.data(withJSONObject: read.json()), as: UTF8.self)
        let patched = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: body)
        XCTAssertEqual(patched.status, 200, patched.text)
        XCTAssertEqual(patched.json()["version"] as? Int, 2)
    }

    // Found: POST {} was schema-valid (no required fields) but answered 422.
    func testCreateSchemaRequiresWhatTheServerRequires() throws {
        let create = try XCTUnwrap(try schemas()["PatientCreate"] as? [String: Any])
        let empty = try harness.api("POST", "/api/v1/patients", as: "a-cm1", json: "{}")
        XCTAssertEqual(empty.status, 422)
        let named = ((empty.json()["error"] as? [String: Any])?["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        XCTAssertEqual(Set(try XCTUnwrap(create["required"] as? [String])), Set(named))
    }

    // Found: `?birthDate=` (not a date) was treated as "no birth date" and answered 200.
    func testEmptySearchDateOrLimitIsRejectedNotIgnored() throws {
        assertInvalid(try harness.api("GET", "/api/v1/patients?birthDate=", as: "a-cm1"), field: "birthDate")
        assertInvalid(try harness.api("GET", "/api/v1/patients?limit=", as: "a-cm1"), field: "limit")
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients?name=", as: "a-cm1").status, 200, "an empty name is a string like any other")
    }

    // Found: a PATCH with "version": "1" (or true, or 1e30) skipped the version check and saved.
    func testVersionMustBeAnIntegerFromOne() throws {
        let id = try createAda()
        for bad in [#""1""#, "true", "1.5", "0", "-3", "1e30", "null"] {
            assertInvalid(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"phone": "617-555-0100", "version": \#(bad)}"#),
                          field: "version")
        }
        assertInvalid(try harness.api("POST", "/api/v1/patients", as: "a-cm1",
                                      json: #"{"givenName": "Bo", "familyName": "Hale", "birthDate": "1961-01-01", "sex": "male", "version": "x"}"#),
                      field: "version")
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1").json()["version"] as? Int, 1, "nothing was saved")
        XCTAssertEqual(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"phone": "617-555-0100", "version": 1}"#).status, 200)
    }

    // Found: ?confirmNotDuplicate=1.5 (not a boolean) created the patient as if false.
    func testConfirmNotDuplicateIsTrueOrFalseAndOtherParametersAreRefused() throws {
        assertInvalid(try harness.api("POST", "/api/v1/patients?confirmNotDuplicate=1", as: "a-cm1", json: ada), field: "confirmNotDuplicate")
        assertInvalid(try harness.api("POST", "/api/v1/patients?confirm=true", as: "a-cm1", json: ada), field: "confirm", status: 400)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), 0)
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients?confirmNotDuplicate=false", as: "a-cm1", json: ada).status, 201)
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients?confirmNotDuplicate=true", as: "a-cm1", json: ada).status, 201)
    }

    // Found: 405 answers had no Allow header (RFC 9110 requires one).
    func testMethodNotAllowedListsTheAllowedMethods() throws {
        let id = try createAda()
        let list = try harness.api("TRACE", "/api/v1/patients", as: "a-cm1")
        XCTAssertEqual(list.status, 405)
        XCTAssertEqual(list.header("Allow"), "GET, POST")
        let one = try harness.api("DELETE", "/api/v1/patients/\(id)", as: "a-cm1")
        XCTAssertEqual(one.status, 405)
        XCTAssertEqual(one.header("Allow"), "GET, PATCH")
    }

    // The document's patterns and enums are the server's rules exactly: control characters are
    // refused before trimming, enum values are exact, nested objects have no unknown keys.
    func testTextEnumsAndNestedObjectsAreCheckedAsDocumented() throws {
        let id = try createAda()
        let cases: [(String, String)] = [
            (#"{"address": {"line2": "Flat \u0010 2"}}"#, "address.line2"),
            (#"{"givenName": "\tAda"}"#, "givenName"),
            (#"{"givenName": " "}"#, "givenName"),
            (#"{"email": "ada\u0001@example.org"}"#, "email"),
            (#"{"sex": "Female"}"#, "sex"),
            (#"{"preferredContact": "Phone"}"#, "preferredContact"),
            (#"{"identifiers": [{"system": "MRN", "value": "1"}]}"#, "identifiers[0].system"),
            (#"{"identifiers": [{"system": "mrn", "value": "1", "note": "x"}]}"#, "identifiers[0].note"),
            (#"{"supportPeople": [{"name": "Sam", "nickname": "S"}]}"#, "supportPeople[0].nickname"),
            (#"{"supportPeople": [{"name": "Sam", "notes": "a\u0000b"}]}"#, "supportPeople[0].notes"),
            (#"{"id": 7}"#, "id"),
        ]
        for (body, field) in cases {
            assertInvalid(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: body), field: field)
        }
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1").json()["version"] as? Int, 1, "nothing was saved")

        let multiline = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1",
                                        json: #"{"priorities": "walk daily\nsleep\tmore", "supportPeople": [{"name": "Sam", "notes": "a\nb"}]}"#)
        XCTAssertEqual(multiline.status, 200, multiline.text)
        XCTAssertEqual(multiline.json()["priorities"] as? String, "walk daily\nsleep\tmore")
    }

    // Found: a 500. The identifier clash check looked the value up without its system, found a patient
    // holding the same value under another system, saw no clash, and the insert broke the unique index.
    func testIdentifierClashIsMatchedOnSystemAndValue() throws {
        _ = try harness.createPatient("Una", "Member", identifiers: [("member_id", "0")], as: "a-cm1")
        _ = try harness.createPatient("Rex", "Record", identifiers: [("mrn", "0")], as: "a-cm1")
        let id = try createAda()
        let clash = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"identifiers": [{"system": "mrn", "value": "0"}]}"#)
        assertInvalid(clash, field: "identifiers", status: 409)
        let free = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"identifiers": [{"system": "medicaid", "value": "0"}]}"#)
        XCTAssertEqual(free.status, 200, free.text)
    }

    // Found: familyName of 101 characters, the first a no-break space, was accepted (trimmed to 100)
    // although the document's maxLength is 100. Lengths are now counted as JSON Schema counts them.
    func testMaxLengthIsCountedBeforeTrimmingAsTheDocumentSays() throws {
        let id = try createAda()
        let hundred = String(repeating: "*", count: 99)
        assertInvalid(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"familyName": "\u00a0O\#(hundred)"}"#), field: "familyName")
        let atLimit = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"familyName": "O\#(hundred)"}"#)
        XCTAssertEqual(atLimit.status, 200, atLimit.text)
        assertInvalid(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1",
                                      json: #"{"address": {"postalCode": "\#(String(repeating: "9", count: 65))"}}"#), field: "address.postalCode")
    }

    // null clears an optional field (the document marks those nullable).
    func testNullClearsOptionalFields() throws {
        let id = try createAda()
        XCTAssertEqual(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"preferredName": "Addie"}"#).status, 200)
        let cleared = try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"preferredName": null, "phone": null}"#)
        XCTAssertEqual(cleared.status, 200, cleared.text)
        XCTAssertEqual(cleared.json()["preferredName"] as? String, "")
    }
}
