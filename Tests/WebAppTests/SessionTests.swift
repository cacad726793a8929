import CareCore
import Foundation
import XCTest

/// Sessions over real HTTP: cookie attributes, renewal at login, failed logins, throttling, logout,
/// idle time-out and absolute lifetime.
final class SessionTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    func testLoginSetsHttpOnlyStrictSessionCookieWithFreshRandomIdEachTime() throws {
        let browser = harness.browser()
        let first = try browser.login("a-cm1")
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(first.header("Location"), "/")
        let cookieLine = try XCTUnwrap(first.headers("Set-Cookie").first { $0.hasPrefix("tend_session=") })
        XCTAssertTrue(cookieLine.contains("HttpOnly"), cookieLine)
        XCTAssertTrue(cookieLine.contains("SameSite=Strict"), cookieLine)
        XCTAssertTrue(cookieLine.contains("Path=/"), cookieLine)
        let firstID = try XCTUnwrap(browser.sessionCookie)
        // 128 bits or more: base64url carries 6 bits per character.
        XCTAssertGreaterThanOrEqual(firstID.count * 6, 128)
        XCTAssertEqual(try browser.get("/patients").status, 200)

        // Logging in again (with the old cookie riding along) issues a new id and ends the old one.
        let second = try browser.login("a-cm1")
        XCTAssertEqual(second.status, 303)
        let secondID = try XCTUnwrap(browser.sessionCookie)
        XCTAssertNotEqual(firstID, secondID)
        let replay = harness.browser()
        replay.setCookie("tend_session", firstID)
        XCTAssertEqual(try replay.get("/patients").status, 303, "the pre-login session id must not survive a new login")
        XCTAssertEqual(try browser.get("/patients").status, 200)
    }

    func testWrongPasswordAnswers401AndIsAuditedAsFailedLogin() throws {
        let rows = try harness.auditRowsAdded {
            let response = try harness.browser().login("a-cm1", password: "not the password at all")
            XCTAssertEqual(response.status, 401)
            XCTAssertNil(response.headers("Set-Cookie").first { $0.hasPrefix("tend_session=") && !$0.contains("Max-Age=0") })
        }
        let failed = try XCTUnwrap(rows.first { $0.action == "login.failed" })
        XCTAssertEqual(failed.username, "a-cm1")
        XCTAssertEqual(failed.outcome, "failure")
        XCTAssertEqual(failed.clientAddress, "127.0.0.1")
        XCTAssertEqual(failed.organizationID, harness.principals["a-cm1"]!.organizationID)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM sessions"), 0)
    }

    func testFiveFailuresLockTheAccountEvenForTheRightPasswordUntilTheWindowPasses() throws {
        let browser = harness.browser()
        for attempt in 1...5 {
            XCTAssertEqual(try browser.login("a-cm2", password: "wrong password \(attempt)").status, 401, "attempt \(attempt)")
        }
        let locked = try browser.login("a-cm2")
        XCTAssertEqual(locked.status, 429)
        XCTAssertNil(browser.sessionCookie)
        XCTAssertEqual(try harness.auditRows(action: "login.failed").last?.outcome, "denied")
        // Another account from the same address is not locked by these five.
        XCTAssertEqual(try harness.browser().login("a-cm1").status, 303)
        // After the 15-minute window since the latest failure, the right password works again.
        harness.clock.advance(by: 15 * 60 + 1)
        XCTAssertEqual(try browser.login("a-cm2").status, 303)
    }

    func testTwentyFailuresFromOneAddressLockEveryAccountFromIt() throws {
        let victims = ["a-admin", "a-super", "a-chw", "a-analyst", "a-partner"]
        for username in victims {
            for attempt in 1...4 {  // 4 per account: under the per-account limit of 5
                XCTAssertEqual(try harness.browser().login(username, password: "wrong \(attempt)").status, 401)
            }
        }
        XCTAssertEqual(try harness.browser().login("a-cm1").status, 429, "the 21st attempt from 127.0.0.1 must be throttled")
    }

    func testLogoutInvalidatesTheOldCookie() throws {
        let browser = harness.browser()
        try browser.login("a-cm1")
        let id = try XCTUnwrap(browser.sessionCookie)
        let csrf = try browser.csrfToken()
        let out = try browser.post("/logout", form: [("csrf", csrf)])
        XCTAssertEqual(out.status, 303)
        XCTAssertEqual(out.header("Location"), "/login")
        XCTAssertNil(browser.sessionCookie, "logout clears the cookie")
        let reuse = harness.browser()
        reuse.setCookie("tend_session", id)
        let page = try reuse.get("/patients")
        XCTAssertEqual(page.status, 303)
        XCTAssertTrue(page.header("Location")?.hasPrefix("/login") ?? false)
        XCTAssertEqual(try harness.auditRows(action: "logout").last?.username, "a-cm1")
    }

    func testLogoutWithoutCSRFTokenIsRefusedAndKeepsTheSession() throws {
        let browser = harness.browser()
        try browser.login("a-cm1")
        XCTAssertEqual(try browser.post("/logout", form: []).status, 403)
        XCTAssertEqual(try browser.get("/patients").status, 200)
    }

    func testIdleTimeoutIsFifteenMinutes() throws {
        // Two sessions opened at the same instant: one is used at 14:59, the other first at 15:00.
        let early = harness.browser(), late = harness.browser()
        try early.login("a-cm1")
        try late.login("a-cm2")
        harness.clock.advance(by: 14 * 60 + 59)
        XCTAssertEqual(try early.get("/patients").status, 200, "at 14:59 idle the session is still valid")
        harness.clock.advance(by: 1)
        let expired = try late.get("/patients")
        XCTAssertEqual(expired.status, 303, "at 15:00 idle the session has expired")
        XCTAssertEqual(expired.header("Location"), "/login?next=%2Fpatients")
        XCTAssertEqual(try early.get("/patients").status, 200, "activity at 14:59 restarted the idle time-out")
    }

    func testAbsoluteLifetimeEndsAnActiveSessionAfterTwelveHours() throws {
        let browser = harness.browser()
        try browser.login("a-cm1")
        let lifetime = SessionPolicy.standard.absoluteLifetime
        var elapsed: TimeInterval = 0
        // Stay active every 14 minutes until one second before the lifetime (bounded: 52 steps).
        for _ in 0..<100 {
            let step = min(14 * 60, lifetime - 1 - elapsed)
            guard step > 0 else { break }
            harness.clock.advance(by: step)
            elapsed += step
            XCTAssertEqual(try browser.get("/patients").status, 200, "active session at \(elapsed) s")
        }
        XCTAssertEqual(elapsed, lifetime - 1)
        harness.clock.advance(by: 1)
        XCTAssertEqual(try browser.get("/patients").status, 303, "the session ends at its absolute lifetime despite activity")
    }

    func testRoleChangeEndsTheUsersSessionsAndIsAudited() throws {
        let browser = harness.browser()
        try browser.login("a-cm2")
        try harness.services.admin.changeRole(username: "a-cm2", to: .chw, by: harness.context("a-admin"))
        XCTAssertEqual(try browser.get("/patients").status, 303)
        let row = try XCTUnwrap(harness.auditRows(action: "user.role_change").last)
        XCTAssertEqual(row.username, "a-admin")
        XCTAssertEqual(row.resourceID, "a-cm2")
        XCTAssertEqual(row.detail, "care_manager -> chw")
    }

    func testLoginOnlyRedirectsToLocalPaths() throws {
        for (next, expected) in [("/patients?name=ada", "/patients?name=ada"), ("//evil.example/x", "/"), ("https://evil.example/", "/"),
                                 ("/\\evil.example", "/")] {
            let browser = harness.browser()
            let form = try browser.get("/login")
            let csrf = try XCTUnwrap(Browser.csrf(in: form.text))
            let response = try browser.post("/login", form: [("csrf", csrf), ("next", next), ("username", "a-cm1"), ("password", WebHarness.password)])
            XCTAssertEqual(response.status, 303, next)
            XCTAssertEqual(response.header("Location"), expected, next)
        }
    }
}
