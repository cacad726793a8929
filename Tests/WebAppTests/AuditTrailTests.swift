import CareServices
import Storage
import Foundation
import XCTest

/// Every access through the web and the API leaves an audit row with the required fields, and the
/// resulting chain verifies.
final class AuditTrailTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    func testEveryAccessIsAuditedWithTheRequiredFields() throws {
        let colleagues = try harness.createPatient("Florence", "Nightingale", as: "a-cm2")
        let cm = harness.browser()
        var id = ""
        let rows = try harness.auditRowsAdded {
            XCTAssertEqual(try harness.browser().login("a-cm1", password: "wrong password here").status, 401)
            XCTAssertEqual(try cm.login("a-cm1").status, 303)
            XCTAssertEqual(try cm.get("/patients?name=seacole").status, 200)
            let created = try cm.post("/patients", form: [("csrf", try cm.csrfToken()), ("givenName", "Mary"), ("familyName", "Seacole"),
                                                          ("birthDate", "1955-11-23"), ("sex", "female")])
            XCTAssertEqual(created.status, 303)
            id = String(created.header("Location")?.dropFirst("/patients/".count) ?? "")
            XCTAssertEqual(try cm.get("/patients/\(id)").status, 200)
            XCTAssertEqual(try cm.post("/patients/\(id)", form: [("csrf", try cm.csrfToken()), ("givenName", "Mary"), ("familyName", "Seacole"),
                                                                  ("birthDate", "1955-11-23"), ("sex", "female"), ("version", "1")]).status, 303)
            XCTAssertEqual(try cm.get("/patients/\(colleagues)").status, 404)
            XCTAssertEqual(try harness.api("PATCH", "/api/v1/patients/\(id)", as: "a-cm1", json: #"{"preferredName": "Mother"}"#).status, 200)
            XCTAssertEqual(try cm.post("/break-glass", form: [("csrf", try cm.csrfToken()), ("patient", colleagues),
                                                              ("reason", "Covering the weekend on-call list")]).status, 303)
            let supervisor = harness.browser()
            XCTAssertEqual(try supervisor.login("a-super").status, 303)
            XCTAssertEqual(try supervisor.post("/patients/\(id)/care-team", form: [("csrf", try supervisor.csrfToken()), ("username", "a-chw")]).status, 303)
            XCTAssertEqual(try cm.post("/logout", form: [("csrf", try cm.csrfToken())]).status, 303)
        }
        try harness.services.admin.changeRole(username: "a-chw", to: .careManager,
                                              by: RequestContext(principal: harness.principals["a-admin"]!, clientAddress: "127.0.0.1", requestID: "admin-1"))

        func row(_ action: String, _ outcome: String = "success", patient: String? = nil, file: StaticString = #filePath, line: UInt = #line) -> AuditRowCheck? {
            guard let r = rows.first(where: { $0.action == action && $0.outcome == outcome && (patient == nil || $0.patientID == patient) }) else {
                XCTFail("no \(action)/\(outcome) row among \(rows.map { "\($0.action)/\($0.outcome)" })", file: file, line: line)
                return nil
            }
            return AuditRowCheck(row: r)
        }
        let org = harness.principals["a-cm1"]!.organizationID
        for check in [row("login.failed", "failure"), row("login"), row("patient.search"), row("patient.create", patient: id),
                      row("patient.read", patient: id), row("patient.update", patient: id), row("patient.read", "denied", patient: colleagues),
                      row("patient.break_glass", patient: colleagues), row("logout")].compactMap({ $0 }) {
            let r = check.row
            XCTAssertEqual(r.username, "a-cm1", r.action)
            XCTAssertEqual(r.organizationID, org, r.action)
            XCTAssertEqual(r.clientAddress, "127.0.0.1", r.action)
            XCTAssertTrue(r.requestID.count == 16 && r.requestID.allSatisfy(\.isHexDigit), "request id \(r.requestID) of \(r.action)")
            XCTAssertNotNil(r.at.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"#, options: .regularExpression), "UTC time \(r.at)")
            if r.action != "login.failed" { XCTAssertEqual(r.role, "care_manager", r.action) }
            if r.action.hasPrefix("patient.") && r.action != "patient.search" { XCTAssertEqual(r.resourceType, "Patient", r.action) }
        }
        XCTAssertEqual(row("patient.create", patient: id)?.row.resourceID, id)
        XCTAssertEqual(rows.filter { $0.action == "patient.update" && $0.patientID == id }.count, 2, "the form edit and the API patch")
        XCTAssertEqual(row("care_team.change")?.row.username, "a-super")
        XCTAssertTrue(row("patient.search")?.row.detail.contains("name=seacole") ?? false)
        let roleChange = try XCTUnwrap(try harness.auditRows(action: "user.role_change").last)
        XCTAssertEqual(roleChange.requestID, "admin-1")
        XCTAssertEqual(roleChange.detail, "chw -> care_manager")

        guard case .success(let checked) = try harness.services.auditLog.verify() else { return XCTFail("the chain of a normal day must verify") }
        XCTAssertEqual(checked, try harness.count("SELECT COUNT(*) FROM audit_events"))
    }

    func testAPIReadsAndSearchesAreAudited() throws {
        let id = try harness.createPatient("Mary", "Seacole", as: "a-cm1")
        let rows = try harness.auditRowsAdded {
            XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1").status, 200)
            XCTAssertEqual(try harness.api("GET", "/api/v1/patients?name=sea", as: "a-cm1").status, 200)
            XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm2").status, 404)
            XCTAssertEqual(try harness.api("GET", "/api/v1/patients", as: "a-analyst").status, 403)
        }
        XCTAssertEqual(rows.map { "\($0.username) \($0.action) \($0.outcome)" },
                       ["a-cm1 patient.read success", "a-cm1 patient.search success", "a-cm2 patient.read denied", "a-analyst patient.search denied"])
        XCTAssertTrue(rows[1].detail.contains(id), "the search row lists the ids it returned")
        XCTAssertEqual(Set(rows.map(\.requestID)).count, 4)
    }

    func testForwardedForFromAnUntrustedPeerIsNotBelieved() throws {
        let id = try harness.createPatient("Mary", "Seacole", as: "a-cm1")
        let rows = try harness.auditRowsAdded {
            let response = try RawHTTPClient.send(port: harness.port, method: "GET", target: "/api/v1/patients/\(id)",
                                                  headers: [("Authorization", "Bearer \(harness.tokens["a-cm1"]!)"), ("X-Forwarded-For", "203.0.113.9")])
            XCTAssertEqual(response.status, 200)
        }
        XCTAssertEqual(rows.map(\.clientAddress), ["127.0.0.1"], "a client cannot choose the address the audit log records")
    }
}

/// Wraps a row so a missing row reads as one failure, not a crash.
struct AuditRowCheck { let row: AuditRow }
