import CareCore
import CareServices
import Foundation
import HTTPServer
import Storage
import WebApp
import XCTest

/// The FHIR R4 API over a real server on a loopback port, on a database filled by the importer.
final class FHIRAPITests: XCTestCase {
    static let files = ["Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json", "Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json",
                        "Tiera_Boyle_5d1a252c-b4ea-4686-8577-ce7eac7ec3a0.json"]
    var fixture: ImportFixture!
    var server: HTTPServer!
    var port: UInt16 = 0
    var tokens: [String: String] = [:]
    var patients: [String] = []
    var entries: [[[String: Any]]] = []

    override func setUpWithError() throws {
        fixture = try ImportFixture()
        let paths = Self.files.map { ImportFixture.synthea + "/" + $0 }
        for report in fixture.services.fhirImport.importFiles(paths.map { ImportInput(path: $0) }, organizationID: fixture.organizationID) {
            guard case .imported = report.outcome else { return XCTFail("\(report.file) rejected") }
        }
        patients = try paths.map(ImportFixture.patientID(inBundle:))
        entries = try paths.map { path in
            let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
            return (bundle?["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        }
        let admin = fixture.services.admin
        for (name, role) in [("sup", Role.supervisor), ("cm1", .careManager), ("ana", .analyst)] {
            try admin.createUser(organization: "Acme Care", username: name, role: role, password: "correct horse battery staple")
            tokens[name] = try fixture.services.auth.createToken(username: name)
        }
        // The care manager is on the care team of the first patient only.
        try fixture.database.write { conn in
            let cm = try XCTUnwrap(UserRepository(conn).find(username: "cm1"))
            let record = try XCTUnwrap(PatientRepository(conn).find(organizationID: fixture.organizationID, publicID: patients[0]))
            try CareTeamRepository(conn).add(organizationID: fixture.organizationID, patientRowID: record.rowID, userID: cm.id, isLead: true, now: "2026-01-01T00:00:00Z")
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

    private func get(_ target: String, as user: String? = "sup") throws -> HTTPTestClient.Response {
        try HTTPTestClient.get(port: port, target, token: user.flatMap { tokens[$0] })
    }

    private func resources(_ index: Int, _ type: String) -> [[String: Any]] {
        entries[index].filter { $0["resourceType"] as? String == type }
    }

    func testMetadataListsExactlyTheSupportedSearches() throws {
        let response = try get("/fhir/metadata", as: nil)
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.headers["content-type"], "application/fhir+json; charset=utf-8")
        let json = try response.json()
        XCTAssertEqual(json["resourceType"] as? String, "CapabilityStatement")
        XCTAssertEqual(json["fhirVersion"] as? String, "4.0.1")
        let rest = try XCTUnwrap((json["rest"] as? [[String: Any]])?.first)
        let resources = try XCTUnwrap(rest["resource"] as? [[String: Any]])
        func params(_ type: String) -> Set<String> {
            let resource = resources.first { $0["type"] as? String == type }
            return Set((resource?["searchParam"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        }
        XCTAssertEqual(params("Patient"), ["name", "birthdate", "identifier", "gender", "_count"])
        XCTAssertEqual(params("Encounter"), ["patient", "class", "date", "_count"])
        XCTAssertEqual(params("Procedure"), [])
        XCTAssertTrue(resources.contains { $0["type"] as? String == "ExplanationOfBenefit" })
    }

    /// A clinical resource Tend cannot tie to a patient (an Appointment names its patient only as a
    /// participant) could be anyone's: care managers get 404, whole-organization roles read it; shared
    /// types such as Organization stay readable.
    func testResourcesWithoutAPatientLinkAreOnlyForWholeOrganizationRoles() throws {
        let bundle = """
            {"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:appt-1","resource":{"resourceType":"Appointment",
            "id":"appt-1","status":"booked","description":"HIV clinic follow-up","participant":[{"actor":{"reference":"Patient/\(patients[1])"},
            "status":"accepted"}]}}]}
            """
        guard case .imported = fixture.services.fhirImport.importBundle(Array(bundle.utf8), name: "appt.json", organizationID: fixture.organizationID).outcome else {
            return XCTFail("the appointment bundle was rejected")
        }
        XCTAssertEqual(try get("/fhir/Appointment/appt-1", as: "cm1").status, 404)
        XCTAssertEqual(try get("/fhir/Appointment/appt-1", as: "sup").status, 200)
        let organization = try XCTUnwrap(try fixture.database.read { try $0.queryOne("SELECT id FROM fhir_resources WHERE resource_type = 'Organization' LIMIT 1")?.string(0) })
        XCTAssertEqual(try get("/fhir/Organization/\(organization)", as: "cm1").status, 200)
        XCTAssertEqual(try fixture.scalar("""
            SELECT COUNT(*) FROM audit_events WHERE username = 'cm1' AND action = 'patient.read' AND outcome = 'denied' AND resource_id = 'appt-1'
            """), 1)
    }

    func testReadFindsTheSyntheaPatientByItsOwnIdWithinScope() throws {
        let own = try get("/fhir/Patient/\(patients[0])", as: "cm1")
        XCTAssertEqual(own.status, 200)
        XCTAssertEqual(try own.json()["id"] as? String, patients[0])
        XCTAssertEqual(try own.json()["birthDate"] as? String, resources(0, "Patient").first?["birthDate"] as? String)

        let other = try get("/fhir/Patient/\(patients[1])", as: "cm1")
        XCTAssertEqual(other.status, 404)
        XCTAssertEqual(try other.json()["resourceType"] as? String, "OperationOutcome")
        let otherEncounter = try XCTUnwrap(resources(1, "Encounter").first?["id"] as? String)
        XCTAssertEqual(try get("/fhir/Encounter/\(otherEncounter)", as: "cm1").status, 404)
        XCTAssertEqual(try get("/fhir/Encounter/\(otherEncounter)", as: "sup").status, 200)
        // An unmodeled type is stored and readable too.
        let report = try XCTUnwrap(resources(0, "DiagnosticReport").first?["id"] as? String)
        XCTAssertEqual(try get("/fhir/DiagnosticReport/\(report)", as: "cm1").status, 200)

        XCTAssertEqual(try get("/fhir/Patient/\(patients[0])", as: nil).status, 401)
        XCTAssertEqual(try get("/fhir/Patient/\(patients[0])", as: "ana").status, 403)
        XCTAssertEqual(try fixture.scalar("""
            SELECT COUNT(*) FROM audit_events WHERE username = 'cm1' AND action = 'patient.read' AND outcome = 'denied' AND resource_id = ?
            """, [patients[1]]), 1)
        XCTAssertEqual(try fixture.scalar("""
            SELECT COUNT(*) FROM audit_events WHERE username = 'cm1' AND action = 'patient.read' AND outcome = 'success' AND patient_id = ?
            """, [patients[0]]), 2)
    }

    func testPatientSearchShowsACareManagerOnlyTheirPatients() throws {
        let mine = try get("/fhir/Patient", as: "cm1").json()
        XCTAssertEqual(mine["total"] as? Int, 1)
        let ids = (mine["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
        XCTAssertEqual(ids, [patients[0]])
        let all = try get("/fhir/Patient", as: "sup")
        XCTAssertEqual(try all.json()["total"] as? Int, 3, "\(all.status) \(all.text)")
        XCTAssertEqual(try get("/fhir/Encounter?patient=\(patients[1])", as: "cm1").json()["total"] as? Int, 0)

        let patient = try XCTUnwrap(resources(1, "Patient").first)
        let family = try XCTUnwrap((patient["name"] as? [[String: Any]])?.first?["family"] as? String)
        let birthDate = try XCTUnwrap(patient["birthDate"] as? String)
        let gender = try XCTUnwrap(patient["gender"] as? String)
        for query in ["name=\(FormData.encode(family))", "birthdate=\(birthDate)", "name=\(FormData.encode(family))&gender=\(gender)&birthdate=\(birthDate)",
                      "birthdate=ge\(birthDate)&birthdate=le\(birthDate)", "birthdate=\(birthDate.prefix(4))"] {
            let found = try get("/fhir/Patient?\(query)").json()
            let ids = (found["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
            XCTAssertTrue(ids.contains(patients[1]), query)
            XCTAssertLessThan(ids.count, 3, query)
        }
        let identifier = try XCTUnwrap((patient["identifier"] as? [[String: Any]])?.last)
        let system = try XCTUnwrap(identifier["system"] as? String), value = try XCTUnwrap(identifier["value"] as? String)
        let byIdentifier = try get("/fhir/Patient?identifier=\(FormData.encode(system + "|" + value))").json()
        XCTAssertEqual(byIdentifier["total"] as? Int, 1)
        XCTAssertEqual(try get("/fhir/Patient?identifier=\(FormData.encode("urn:other|" + value))").json()["total"] as? Int, 0)
        XCTAssertEqual(try get("/fhir/Patient?birthdate=lt1800").json()["total"] as? Int, 0)
    }

    func testObservationPagingVisitsEveryMatchOnce() throws {
        let expected = resources(0, "Observation").count
        XCTAssertGreaterThan(expected, 25)
        var target: String? = "/fhir/Observation?patient=Patient/\(patients[0])&_count=25"
        var seen: [String] = []
        var pages = 0
        while let next = target {
            let page = try get(next).json()
            XCTAssertEqual(page["total"] as? Int, expected)
            let batch = (page["entry"] as? [[String: Any]] ?? []).compactMap { ($0["resource"] as? [String: Any])?["id"] as? String }
            XCTAssertLessThanOrEqual(batch.count, 25)
            seen += batch
            target = (page["link"] as? [[String: Any]] ?? []).first { $0["relation"] as? String == "next" }?["url"] as? String
            pages += 1
            XCTAssertLessThan(pages, 100)
        }
        XCTAssertEqual(pages, (expected + 24) / 25)
        XCTAssertEqual(seen.count, expected)
        XCTAssertEqual(Set(seen), Set(resources(0, "Observation").compactMap { $0["id"] as? String }))
    }

    func testClinicalSearchesMatchTheBundleContent() throws {
        let encounters = resources(0, "Encounter")
        func classCode(_ e: [String: Any]) -> String? { (e["class"] as? [String: Any])?["code"] as? String }
        let emergency = encounters.filter { classCode($0) == "EMER" }.count
        XCTAssertGreaterThan(emergency, 0)
        XCTAssertEqual(try get("/fhir/Encounter?patient=\(patients[0])&class=EMER").json()["total"] as? Int, emergency)
        let formatter = ISO8601DateFormatter()
        let starts = encounters.compactMap { ($0["period"] as? [String: Any])?["start"] as? String }.compactMap { formatter.date(from: $0) }.sorted()
        XCTAssertEqual(starts.count, encounters.count)
        let since = String(formatter.string(from: starts[starts.count / 2]).prefix(10))
        let midnight = try XCTUnwrap(formatter.date(from: since + "T00:00:00Z"))
        let recent = starts.filter { $0 >= midnight }.count
        XCTAssertGreaterThan(recent, 0)
        XCTAssertLessThan(recent, encounters.count)
        XCTAssertEqual(try get("/fhir/Encounter?patient=\(patients[0])&date=ge\(since)").json()["total"] as? Int, recent)

        let conditions = resources(0, "Condition")
        func status(_ c: [String: Any]) -> String? { (((c["clinicalStatus"] as? [String: Any])?["coding"] as? [[String: Any]])?.first)?["code"] as? String }
        XCTAssertEqual(try get("/fhir/Condition?patient=\(patients[0])&clinical-status=active").json()["total"] as? Int,
                       conditions.filter { status($0) == "active" }.count)
        let coding = try XCTUnwrap(((conditions.first?["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first)
        let code = try XCTUnwrap(coding["code"] as? String), system = try XCTUnwrap(coding["system"] as? String)
        let withCode = conditions.filter { ((($0["code"] as? [String: Any])?["coding"] as? [[String: Any]])?.first?["code"] as? String) == code }.count
        XCTAssertEqual(try get("/fhir/Condition?patient=\(patients[0])&code=\(FormData.encode(system + "|" + code))").json()["total"] as? Int, withCode)

        let requests = resources(0, "MedicationRequest")
        let stopped = requests.filter { $0["status"] as? String == "stopped" }.count
        XCTAssertEqual(try get("/fhir/MedicationRequest?patient=\(patients[0])&status=stopped").json()["total"] as? Int, stopped)
        XCTAssertEqual(try get("/fhir/MedicationRequest?patient=\(patients[0])").json()["total"] as? Int, requests.count)

        let observations = resources(0, "Observation")
        let systolicDates = observations.filter { o in
            ((o["code"] as? [String: Any])?["coding"] as? [[String: Any]] ?? []).contains { $0["code"] as? String == "8302-2" }
        }.count
        XCTAssertEqual(try get("/fhir/Observation?patient=\(patients[0])&code=http://loinc.org|8302-2").json()["total"] as? Int, systolicDates)
    }

    func testUnsupportedParametersAnswerAnOperationOutcome() throws {
        for target in ["/fhir/Patient?family=Smith", "/fhir/Condition?onset-date=2020", "/fhir/Procedure?patient=x", "/fhir/Patient?_count=0",
                       "/fhir/Encounter?date=sa2020", "/fhir/Patient?gender=female,male", "/fhir/Patient/\(patients[0])?_format=xml",
                       "/fhir/Encounter?date=yesterday"] {
            let response = try get(target)
            XCTAssertEqual(response.status, 400, target)
            let json = try response.json()
            XCTAssertEqual(json["resourceType"] as? String, "OperationOutcome", target)
            XCTAssertNil(json["total"], target)
        }
        let message = try get("/fhir/Patient?family=Smith").text
        XCTAssertTrue(message.contains("unsupported search parameter 'family'"), message)
        XCTAssertEqual(try get("/fhir/Patient", as: "ana").status, 403)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM audit_events WHERE username = 'ana' AND action = 'patient.search' AND outcome = 'denied'"), 1)
    }

    func testSearchesAreAudited() throws {
        _ = try get("/fhir/Condition?patient=\(patients[0])", as: "cm1")
        let detail = try fixture.database.read { conn in
            try conn.scalar("SELECT detail FROM audit_events WHERE username = 'cm1' AND action = 'patient.search' ORDER BY id DESC LIMIT 1")
        }
        guard case .text(let text) = detail else { return XCTFail("no audit row") }
        XCTAssertTrue(text.hasPrefix("fhir Condition?patient=\(patients[0]) total=\(resources(0, "Condition").count)"), text)
    }
}
