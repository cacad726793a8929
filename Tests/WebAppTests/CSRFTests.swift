import Foundation
import XCTest

/// Every state-changing form needs the session's CSRF token; the login form needs its own
/// double-submit token. A refused POST writes nothing.
final class CSRFTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    private let newPatient: [(String, String)] = [("givenName", "Grace"), ("familyName", "Hopper"), ("birthDate", "1946-12-09"), ("sex", "female")]

    func testPatientFormWithoutOrWithWrongTokenIs403AndWritesNothing() throws {
        let browser = harness.browser()
        try browser.login("a-cm1")
        let patientsBefore = try harness.count("SELECT COUNT(*) FROM patients")
        XCTAssertEqual(try browser.post("/patients", form: newPatient).status, 403)
        XCTAssertEqual(try browser.post("/patients", form: [("csrf", "forged-token-value")] + newPatient).status, 403)
        // The login-CSRF cookie value or another session's token is not this session's token either.
        let other = harness.browser()
        try other.login("a-cm2")
        XCTAssertEqual(try browser.post("/patients", form: [("csrf", try other.csrfToken())] + newPatient).status, 403)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), patientsBefore)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM audit_events WHERE action = 'patient.create'"), 0)

        // The right token works (the check is not refusing everything).
        let created = try browser.post("/patients", form: [("csrf", try browser.csrfToken())] + newPatient)
        XCTAssertEqual(created.status, 303)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients"), patientsBefore + 1)
    }

    func testPatientUpdateAndCareTeamAndBreakGlassNeedTheToken() throws {
        let id = try harness.createPatient("Grace", "Hopper", as: "a-cm1")
        let supervisor = harness.browser()
        try supervisor.login("a-super")
        let cm = harness.browser()
        try cm.login("a-cm1")
        XCTAssertEqual(try cm.post("/patients/\(id)", form: newPatient.map { $0.0 == "givenName" ? ($0.0, "Changed") : $0 }).status, 403)
        XCTAssertEqual(try supervisor.post("/patients/\(id)/care-team", form: [("username", "a-cm2")]).status, 403)
        let cm2 = harness.browser()
        try cm2.login("a-cm2")
        XCTAssertEqual(try cm2.post("/break-glass", form: [("patient", id), ("reason", "Covering for a colleague on leave")]).status, 403)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients WHERE given_name = 'Changed'"), 0)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM care_team_members"), 1)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM break_glass_grants"), 0)
    }

    func testLoginWithoutTheLoginTokenIs403AndOpensNoSession() throws {
        let browser = harness.browser()
        _ = try browser.get("/login")  // sets the cookie, but the form field is left out
        let noField = try browser.post("/login", form: [("username", "a-cm1"), ("password", WebHarness.password)])
        XCTAssertEqual(noField.status, 403)
        let fresh = harness.browser()  // a field but no cookie (a cross-site form has no cookie of ours)
        let noCookie = try fresh.post("/login", form: [("csrf", "attacker-chosen"), ("username", "a-cm1"), ("password", WebHarness.password)])
        XCTAssertEqual(noCookie.status, 403)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM sessions"), 0)
        XCTAssertNil(browser.sessionCookie)
        XCTAssertNil(fresh.sessionCookie)
    }
}
