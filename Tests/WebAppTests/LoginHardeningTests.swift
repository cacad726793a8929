import Foundation
import XCTest
@testable import WebApp

/// Findings of the security review: huge usernames, lock extension by locked attempts, open redirects.
final class LoginHardeningTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    func testAHugeUsernameIsStoredCutAndNeverHashed() throws {
        let browser = harness.browser()
        let huge = String(repeating: "x", count: 200_000)
        XCTAssertEqual(try browser.login(huge).status, 401)
        let row = try XCTUnwrap(try harness.auditRows(action: "login.failed").last)
        XCTAssertEqual(row.username.count, 65, "64 characters and an ellipsis")
        XCTAssertEqual(try harness.count("SELECT MAX(length(username)) FROM login_failures"), 65)
    }

    func testAttemptsRefusedWhileLockedDoNotExtendTheLock() throws {
        for _ in 0..<5 { XCTAssertEqual(try harness.browser().login("a-cm1", password: "wrong password!!").status, 401) }
        harness.clock.advance(by: 14 * 60)
        XCTAssertEqual(try harness.browser().login("a-cm1").status, 429, "still locked 14 minutes later")
        harness.clock.advance(by: 60 + 1)
        XCTAssertEqual(try harness.browser().login("a-cm1").status, 303, "15 minutes after the last counted failure the lock is gone")
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM audit_events WHERE action = 'login.failed' AND outcome = 'denied'"), 1,
                       "the refused attempt is still audited")
    }

    func testOnlyLocalPathsFollowALogin() {
        XCTAssertEqual(LoginRoutes.safeNext("/patients?name=ada"), "/patients?name=ada")
        XCTAssertEqual(LoginRoutes.safeNext("/"), "/")
        for hostile in ["//evil.example", "/\t/evil.example/x", "/\\evil.example", "/ /evil.example", "https://evil.example",
                        "/\n/evil.example", "/a\\b", "evil.example", ""] {
            XCTAssertEqual(LoginRoutes.safeNext(hostile), "/", hostile.debugDescription)
        }
    }
}

/// A duplicate warning tells the user that matching patients exist: it is audited with every candidate.
final class DuplicateCheckAuditTests: XCTestCase {
    func testDuplicateWarningsAndIdentifierClashesAreAuditedWithTheCandidates() throws {
        let harness = try WebHarness()
        defer { harness.tearDown() }
        let other = try harness.createPatient("Ada", "Lovelace", birthDate: "1950-12-10", as: "a-cm2")
        let warned = try harness.api("POST", "/api/v1/patients", as: "a-cm1",
                                     json: #"{"givenName":"Ada","familyName":"Lovelase","birthDate":"1950-12-10","sex":"female"}"#)
        XCTAssertEqual(warned.status, 409)
        XCTAssertFalse(warned.text.contains(other), "an out-of-scope candidate is never identified to the user")
        let row = try XCTUnwrap(try harness.auditRows(action: "patient.search").last)
        XCTAssertEqual(row.username, "a-cm1")
        XCTAssertEqual(row.detail, "duplicate check (warned) results=\(other)")
    }
}
