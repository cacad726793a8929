import CareCore
import CareServices
import Foundation
import HTTPServer
import Storage
import WebApp
import XCTest

/// The chart's imported sections and the admin's bundle upload, over a real server.
final class ChartAndUploadTests: XCTestCase {
    static let dennis = "Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json"
    static let password = "correct horse battery staple"
    var fixture: ImportFixture!
    var server: HTTPServer!
    var port: UInt16 = 0

    override func setUpWithError() throws {
        fixture = try ImportFixture()
        for (name, role) in [("sup", Role.supervisor), ("admin1", .admin), ("cm1", .careManager)] {
            try fixture.services.admin.createUser(organization: "Acme Care", username: name, role: role, password: Self.password)
        }
        let app = WebApplication(services: fixture.services)
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = 2
        server = HTTPServer(configuration: configuration, handler: { app.handle($0) })
        port = try server.start()
    }

    override func tearDown() {
        server?.shutdown()
        fixture = nil
    }

    private func login(_ user: String) throws -> NewSession {
        try fixture.services.auth.login(username: user, password: Self.password, clientAddress: "127.0.0.1", requestID: "test")
    }

    private func page(_ target: String, as session: NewSession) throws -> HTTPTestClient.Response {
        try HTTPTestClient.request(port: port, "GET", target, headers: ["Cookie": "tend_session=\(session.id)"])
    }

    func testChartShowsTheImportedRecord() throws {
        let path = ImportFixture.synthea + "/" + Self.dennis
        guard case .imported = fixture.services.fhirImport.importFile(atPath: path, organizationID: fixture.organizationID).outcome else {
            return XCTFail("rejected")
        }
        let patientID = try ImportFixture.patientID(inBundle: path)
        let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let resources = (bundle?["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        let activeProblem = try XCTUnwrap(resources.first { r in
            r["resourceType"] as? String == "Condition" && r["abatementDateTime"] == nil
        }.flatMap { ($0["code"] as? [String: Any])?["text"] as? String })
        let emergencies = resources.filter { ($0["class"] as? [String: Any])?["code"] as? String == "EMER" }.count

        let chart = try page("/patients/\(patientID)", as: try login("sup"))
        XCTAssertEqual(chart.status, 200)
        let html = chart.text
        XCTAssertTrue(html.contains(activeProblem), "active problem \(activeProblem) missing")
        XCTAssertTrue(html.contains("\(emergencies) ED visit"), "ED count")
        XCTAssertTrue(html.contains(#"class="encounter-emergency""#) || html.contains(#"class="encounter-admission""#), "highlighted encounter rows")
        XCTAssertTrue(html.contains(#"id="vitals""#) && html.contains(#"class="sparkline""#), "vitals with a trend")
        XCTAssertTrue(html.contains("<polyline"), "trend line")
        XCTAssertTrue(html.contains(#"class="cost-chart""#) && html.contains("<rect"), "claims cost chart")
        XCTAssertFalse(html.contains("No encounters recorded."))
        XCTAssertTrue(html.contains(#"id="allergies""#))

        // A care manager outside the care team does not see the chart at all.
        XCTAssertEqual(try page("/patients/\(patientID)", as: try login("cm1")).status, 404)
        // One chart view is one audited read, clinical sections included.
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM audit_events WHERE username = 'sup' AND action = 'patient.read' AND patient_id = '\(patientID)' AND outcome = 'success'"), 1)
    }

    private func upload(_ bytes: [UInt8], name: String, csrf: String, session: NewSession) throws -> HTTPTestClient.Response {
        let boundary = "----tendtest\(UUID().uuidString.prefix(8))"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"bundle\"; filename=\"\(name)\"\r\nContent-Type: application/json\r\n\r\n".utf8)
        body += bytes + Array("\r\n--\(boundary)--\r\n".utf8)
        return try HTTPTestClient.request(port: port, "POST", "/admin/import", headers: [
            "Cookie": "tend_session=\(session.id)", "Content-Type": "multipart/form-data; boundary=\(boundary)",
        ], body: body)
    }

    func testAnAdminUploadsABundleWithTheSameChecksAsTheCommandLine() throws {
        let admin = try login("admin1")
        let form = try page("/admin/import", as: admin)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.text.contains(#"enctype="multipart/form-data""#))

        let valid = try Array(Data(contentsOf: URL(fileURLWithPath: ImportFixture.synthea + "/malformed/valid-minimal.json")))
        let accepted = try upload(valid, name: "valid-minimal.json", csrf: admin.csrfToken, session: admin)
        XCTAssertEqual(accepted.status, 200, accepted.text)
        XCTAssertTrue(accepted.text.contains("Imported valid-minimal.json: 2 resources"), accepted.text)
        XCTAssertEqual(try fixture.counts(), ["Patient": 1, "Encounter": 1])

        let dangling = try Array(Data(contentsOf: URL(fileURLWithPath: ImportFixture.synthea + "/malformed/03-dangling-urn-uuid-reference.json")))
        let rejected = try upload(dangling, name: "03.json", csrf: admin.csrfToken, session: admin)
        XCTAssertEqual(rejected.status, 422)
        XCTAssertTrue(rejected.text.contains("unresolved reference"), rejected.text)

        let bigger = try Array(Data(contentsOf: URL(fileURLWithPath: ImportFixture.synthea + "/" + Self.dennis)))
        XCTAssertEqual(try upload(bigger, name: "d.json", csrf: "wrong", session: admin).status, 403)
        XCTAssertEqual(try fixture.counts(), ["Patient": 1, "Encounter": 1])

        let supervisor = try login("sup")
        XCTAssertEqual(try upload(bigger, name: "d.json", csrf: supervisor.csrfToken, session: supervisor).status, 403)
        XCTAssertEqual(try fixture.counts(), ["Patient": 1, "Encounter": 1])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM audit_events WHERE username = 'admin1' AND action = 'data.import'"), 2)
    }

    func testOnlyAdministratorsSeeTheImportLinkInTheMainNavigation() throws {
        let link = #"<a href="/admin/import""#
        let admin = try login("admin1")
        let home = try page("/admin/users", as: admin)
        XCTAssertEqual(home.status, 200)
        let navStart = try XCTUnwrap(home.text.range(of: #"<nav aria-label="Main">"#))
        let navEnd = try XCTUnwrap(home.text.range(of: "</nav>", range: navStart.upperBound..<home.text.endIndex))
        let nav = home.text[navStart.lowerBound..<navEnd.upperBound]
        XCTAssertTrue(nav.contains(link + ">Import</a>"), String(nav))
        // On the import page itself the link is marked as the current page.
        XCTAssertTrue(try page("/admin/import", as: admin).text.contains(link + #" aria-current="page">Import</a>"#))
        for user in ["sup", "cm1"] {
            let session = try login(user)
            let other = try page("/patients", as: session)
            XCTAssertEqual(other.status, 200, user)
            XCTAssertTrue(other.text.contains(#"<nav aria-label="Main">"#), user)
            XCTAssertFalse(other.text.contains(link), user)
        }
    }
}
