import Foundation
import XCTest

/// Security headers on pages and API answers, `/healthz`, and that GET never changes state.
final class HeadersAndSafeMethodsTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    private func assertSecurityHeaders(_ response: WireResponse, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let csp = response.header("Content-Security-Policy") ?? ""
        XCTAssertTrue(csp.contains("frame-ancestors 'none'"), "\(what): CSP \(csp)", file: file, line: line)
        XCTAssertTrue(csp.contains("default-src"), "\(what): CSP \(csp)", file: file, line: line)
        XCTAssertEqual(response.header("X-Content-Type-Options"), "nosniff", what, file: file, line: line)
        XCTAssertNotNil(response.header("Referrer-Policy"), what, file: file, line: line)
    }

    func testPagesAndAPIAnswersCarrySecurityHeadersAndPatientPagesAreNotStored() throws {
        let id = try harness.createPatient("Mary", "Seacole", as: "a-cm1")
        let browser = harness.browser()
        assertSecurityHeaders(try browser.get("/login"), "login page")
        try browser.login("a-cm1")
        for path in ["/patients", "/patients/\(id)", "/patients/\(id)/edit", "/patients?name=sea"] {
            let page = try browser.get(path)
            XCTAssertEqual(page.status, 200, path)
            assertSecurityHeaders(page, path)
            XCTAssertEqual(page.header("Cache-Control"), "no-store", path)
        }
        assertSecurityHeaders(try browser.get("/patients/missing"), "404 page")
        let api = try harness.api("GET", "/api/v1/patients/\(id)", as: "a-cm1")
        XCTAssertEqual(api.status, 200)
        assertSecurityHeaders(api, "API read")
        XCTAssertEqual(api.header("Cache-Control"), "no-store")
        assertSecurityHeaders(try harness.api("GET", "/api/v1/patients"), "API 401")
    }

    func testHealthzAnswersOkWithoutAuthenticationAndNothingElse() throws {
        let response = try RawHTTPClient.send(port: harness.port, method: "GET", target: "/healthz")
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "ok\n")
        XCTAssertTrue(response.headers("Set-Cookie").isEmpty)
        XCTAssertNil(response.header("Server"), "no software version disclosed")
        XCTAssertEqual(try RawHTTPClient.send(port: harness.port, method: "POST", target: "/healthz").status, 405)
        XCTAssertEqual(try RawHTTPClient.send(port: harness.port, method: "GET", target: "/healthz/details").status, 404)
    }

    func testGETNeverChangesState() throws {
        let id = try harness.createPatient("Mary", "Seacole", as: "a-cm1")
        let supervisor = harness.browser()
        try supervisor.login("a-super")
        let auditBefore = try harness.count("SELECT COUNT(*) FROM audit_events WHERE action NOT IN ('patient.read', 'patient.search')")
        let teamBefore = try harness.count("SELECT COUNT(*) FROM care_team_members WHERE ended_at IS NULL")

        let logout = try supervisor.get("/logout")
        XCTAssertEqual(logout.status, 405)
        XCTAssertEqual(logout.header("Allow"), "POST")
        XCTAssertEqual(try supervisor.get("/patients").status, 200, "GET /logout must not end the session")

        XCTAssertEqual(try supervisor.get("/patients/\(id)/care-team?username=a-cm2").status, 404)
        XCTAssertEqual(try supervisor.get("/patients/\(id)/care-team?change=remove&username=a-cm1").status, 404)
        XCTAssertEqual(try supervisor.get("/break-glass?patient=\(id)&reason=just+browsing+around+here").status, 403,
                       "the supervisor's break-glass form is refused, and nothing is granted")
        let cm = harness.browser()
        try cm.login("a-cm2")
        XCTAssertEqual(try cm.get("/break-glass?patient=\(id)&reason=just+browsing+around+here").status, 200)
        XCTAssertEqual(try cm.get("/patients/\(id)").status, 404, "a GET to the break-glass form grants nothing")

        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM care_team_members WHERE ended_at IS NULL"), teamBefore)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM break_glass_grants"), 0)
        // Only the second login may have added a non-read row.
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM audit_events WHERE action NOT IN ('patient.read', 'patient.search')"), auditBefore + 1)
        XCTAssertEqual(try supervisor.get("/patients").status, 200)
    }

    func testOtherMethodsOnPagesAre405() throws {
        let browser = harness.browser()
        try browser.login("a-cm1")
        for method in ["PUT", "DELETE", "PATCH"] {
            XCTAssertEqual(try browser.request(method, "/patients").status, 405, method)
        }
        XCTAssertEqual(try browser.get("/patients").status, 200)
    }
}
