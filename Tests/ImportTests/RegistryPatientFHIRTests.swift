import CareCore
import CareServices
import Foundation
import HTTPServer
import Storage
import WebApp
import XCTest

/// Patients created and edited through the JSON API are part of the FHIR API and the export, with
/// the same access rules and audit as imported ones.
final class RegistryPatientFHIRTests: XCTestCase {
    var fixture: ImportFixture!
    var server: HTTPServer!
    var port: UInt16 = 0
    var tokens: [String: String] = [:]

    override func setUpWithError() throws {
        fixture = try ImportFixture()
        let admin = fixture.services.admin
        for (name, role) in [("sup", Role.supervisor), ("cm1", .careManager), ("cm2", .careManager)] {
            try admin.createUser(organization: "Acme Care", username: name, role: role, password: "correct horse battery staple")
            tokens[name] = try fixture.services.auth.createToken(username: name)
        }
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = 2
        let app = WebApplication(services: fixture.services)
        server = HTTPServer(configuration: configuration, handler: { app.handle($0) })
        port = try server.start()
    }

    override func tearDown() {
        server?.shutdown()
        fixture = nil
    }

    private func get(_ target: String, as user: String) throws -> HTTPTestClient.Response {
        try HTTPTestClient.get(port: port, target, token: tokens[user])
    }

    private func send(_ method: String, _ target: String, _ body: String, as user: String) throws -> HTTPTestClient.Response {
        try HTTPTestClient.request(port: port, method, target, headers: ["Authorization": "Bearer \(tokens[user]!)", "Content-Type": "application/json"],
                                   body: Array(body.utf8))
    }

    private func ids(_ bundle: [String: Any]) -> [String] {
        (bundle["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
    }

    /// Creates Ada as `cm1` (who joins her care team) and returns her id.
    private func createAda() throws -> String {
        let created = try send("POST", "/api/v1/patients", """
            {"givenName":"Ada","familyName":"Quillfeather","birthDate":"1950-12-10","sex":"female","phone":"+1 617 555 0100",
             "address":{"line1":"1 Main St","city":"Boston","state":"MA","postalCode":"02110"},
             "identifiers":[{"system":"mrn","value":"MRN-4471"}]}
            """, as: "cm1")
        XCTAssertEqual(created.status, 201, created.text)
        return try XCTUnwrap(created.json()["id"] as? String)
    }

    func testAPatientCreatedThroughTheJSONAPIIsReadableAndSearchableOverFHIR() throws {
        let id = try createAda()
        let read = try get("/fhir/Patient/\(id)", as: "cm1")
        XCTAssertEqual(read.status, 200, read.text)
        XCTAssertEqual(read.headers["etag"], "W/\"1\"")
        let patient = try read.json()
        XCTAssertEqual(patient["resourceType"] as? String, "Patient")
        XCTAssertEqual(patient["id"] as? String, id)
        XCTAssertEqual(patient["birthDate"] as? String, "1950-12-10")
        XCTAssertEqual(patient["gender"] as? String, "female")
        let name = try XCTUnwrap((patient["name"] as? [[String: Any]])?.first)
        XCTAssertEqual(name["family"] as? String, "Quillfeather")
        XCTAssertEqual(name["given"] as? [String], ["Ada"])
        XCTAssertEqual((patient["address"] as? [[String: Any]])?.first?["city"] as? String, "Boston")
        XCTAssertEqual((patient["telecom"] as? [[String: Any]])?.first?["value"] as? String, "+1 617 555 0100")
        let identifier = try XCTUnwrap((patient["identifier"] as? [[String: Any]])?.first)
        XCTAssertEqual(identifier["value"] as? String, "MRN-4471")

        for query in ["name=quill", "name=ada%20quill", "birthdate=1950-12-10", "gender=female&name=Quillfeather",
                      "identifier=\(FormData.encode("urn:tend:identifier:mrn|MRN-4471"))", "identifier=MRN-4471"] {
            let found = try get("/fhir/Patient?\(query)", as: "cm1").json()
            XCTAssertEqual(ids(found), [id], query)
            XCTAssertEqual(found["total"] as? Int, 1, query)
        }
        XCTAssertEqual(ids(try get("/fhir/Patient?name=lovelace", as: "cm1").json()), [])
        XCTAssertEqual(ids(try get("/fhir/Patient", as: "sup").json()), [id])
    }

    func testAccessRulesAndAuditAreTheSameAsForImportedPatients() throws {
        let id = try createAda()
        // cm2 is on no care team: not found, whether by id or by search, and the attempt is audited as denied.
        let denied = try get("/fhir/Patient/\(id)", as: "cm2")
        XCTAssertEqual(denied.status, 404)
        XCTAssertEqual(try denied.json()["resourceType"] as? String, "OperationOutcome")
        XCTAssertEqual(try get("/fhir/Patient?name=quill", as: "cm2").json()["total"] as? Int, 0)
        XCTAssertEqual(try get("/fhir/Patient/\(id)", as: "sup").status, 200)
        XCTAssertEqual(try fixture.scalar("""
            SELECT COUNT(*) FROM audit_events WHERE username = 'cm2' AND action = 'patient.read' AND outcome = 'denied' AND resource_id = ?
            """, [id]), 1)
        XCTAssertEqual(try fixture.scalar("""
            SELECT COUNT(*) FROM audit_events WHERE username = 'sup' AND action = 'patient.read' AND outcome = 'success' AND patient_id = ?
                AND detail = 'fhir read'
            """, [id]), 1)
    }

    func testAnEditChangesTheFHIRPatientAndItsVersion() throws {
        let id = try createAda()
        let edited = try send("PATCH", "/api/v1/patients/\(id)", #"{"familyName":"Byron","address":{"line1":"2 Elm St","city":"Salem","state":"MA","postalCode":"01970"}}"#,
                              as: "cm1")
        XCTAssertEqual(edited.status, 200, edited.text)
        let read = try get("/fhir/Patient/\(id)", as: "cm1")
        XCTAssertEqual(read.headers["etag"], "W/\"2\"")
        let patient = try read.json()
        XCTAssertEqual((patient["name"] as? [[String: Any]])?.first?["family"] as? String, "Byron")
        XCTAssertEqual((patient["address"] as? [[String: Any]])?.first?["city"] as? String, "Salem")
        XCTAssertEqual(patient["birthDate"] as? String, "1950-12-10")
        XCTAssertEqual(ids(try get("/fhir/Patient?name=byron", as: "cm1").json()), [id])
        XCTAssertEqual(ids(try get("/fhir/Patient?name=quill", as: "cm1").json()), [])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE resource_type = 'Patient' AND id = ?", [id]), 1)
    }

    func testEditingAnImportedPatientKeepsTheElementsThatWereNotEdited() throws {
        let path = ImportFixture.synthea + "/Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json"
        guard case .imported = fixture.services.fhirImport.importFile(atPath: path, organizationID: fixture.organizationID).outcome else {
            return XCTFail("rejected")
        }
        let id = try ImportFixture.patientID(inBundle: path)
        let before = try get("/fhir/Patient/\(id)", as: "sup").json()
        XCTAssertNotNil(before["extension"])
        let edited = try send("PATCH", "/api/v1/patients/\(id)", #"{"phone":"+1 508 555 0199"}"#, as: "sup")
        XCTAssertEqual(edited.status, 200, edited.text)
        let after = try get("/fhir/Patient/\(id)", as: "sup").json()
        XCTAssertEqual((after["telecom"] as? [[String: Any]])?.first?["value"] as? String, "+1 508 555 0199")
        for element in ["extension", "name", "identifier", "address", "birthDate", "maritalStatus"] {
            XCTAssertNotNil(before[element], element)
            XCTAssertEqual(after[element] as? NSObject, before[element] as? NSObject, element)
        }
    }

    func testMigrateWritesPatientsForRegistryRowsThatHaveNone() throws {
        let id = try createAda()
        try fixture.database.write { try $0.execute("DELETE FROM fhir_resources WHERE resource_type = 'Patient'") }
        XCTAssertEqual(try get("/fhir/Patient/\(id)", as: "cm1").status, 404)
        let migrate = try ImportFixture.runTend(["migrate", "--db", fixture.path])
        XCTAssertEqual(migrate.status, 0, migrate.err)
        XCTAssertTrue(migrate.out.contains("Wrote the FHIR Patient resource of 1 registry patient."), migrate.out)
        XCTAssertEqual(try get("/fhir/Patient/\(id)", as: "cm1").status, 200)
        XCTAssertFalse(try ImportFixture.runTend(["migrate", "--db", fixture.path]).out.contains("Wrote"))
    }

    func testExportIncludesRegistryPatients() throws {
        let id = try createAda()
        let out = fixture.folder + "/export"
        let export = try ImportFixture.runTend(["export", "fhir", "--db", fixture.path, "--out", out, "--org", "Acme Care"])
        XCTAssertEqual(export.status, 0, export.err)
        let lines = try String(contentsOfFile: out + "/Patient.ndjson", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        let patient = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(patient["id"] as? String, id)
    }
}
