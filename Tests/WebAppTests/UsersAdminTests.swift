import Foundation
import XCTest

/// Administrators add users and change roles from /admin/users; nobody else can, and every change is audited.
final class UsersAdminTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    func testAdminAddsAUserWhoCanThenSignIn() throws {
        let admin = harness.browser()
        try admin.login("a-admin")
        let page = try admin.get("/admin/users")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("a-cm1"), "lists the organization's users")
        XCTAssertFalse(page.text.contains("b-cm"), "never another organization's users")
        let added = try admin.post("/admin/users", form: [("csrf", try admin.csrfToken()), ("name", "Kim Lee"), ("username", "kim.lee"),
                                                         ("role", "chw"), ("password", "a long enough password")])
        XCTAssertEqual(added.status, 303)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM users WHERE username = 'kim.lee' AND role = 'chw'"), 1)
        XCTAssertEqual(try harness.auditRows(action: "user.create").last?.resourceID, "kim.lee")
        let kim = harness.browser()
        XCTAssertEqual(try kim.login("kim.lee", password: "a long enough password").status, 303)
        XCTAssertNotNil(kim.sessionCookie)
    }

    func testBadNewUserShowsTheFieldAndWritesNothing() throws {
        let admin = harness.browser()
        try admin.login("a-admin")
        let users = try harness.count("SELECT COUNT(*) FROM users")
        let short = try admin.post("/admin/users", form: [("csrf", try admin.csrfToken()), ("name", "X"), ("username", "xy"),
                                                         ("role", "chw"), ("password", "short")])
        XCTAssertEqual(short.status, 422)
        XCTAssertTrue(short.text.contains("must be 3 to 64"), short.text)
        let taken = try admin.post("/admin/users", form: [("csrf", try admin.csrfToken()), ("name", "X"), ("username", "a-cm1"),
                                                         ("role", "chw"), ("password", "a long enough password")])
        XCTAssertEqual(taken.status, 409)
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM users"), users)
    }

    func testRoleChangeEndsTheUsersSessionsAndIsAudited() throws {
        let cm = harness.browser()
        try cm.login("a-cm2")
        XCTAssertEqual(try cm.get("/patients").status, 200)
        let admin = harness.browser()
        try admin.login("a-admin")
        let changed = try admin.post("/admin/users/role", form: [("csrf", try admin.csrfToken()), ("username", "a-cm2"), ("role", "analyst")])
        XCTAssertEqual(changed.status, 303)
        XCTAssertEqual(try cm.get("/patients").status, 303, "the old session is gone")
        let row = try XCTUnwrap(try harness.auditRows(action: "user.role_change").last)
        XCTAssertEqual(row.resourceID, "a-cm2")
        XCTAssertEqual(row.detail, "care_manager -> analyst")
        XCTAssertEqual(row.username, "a-admin")
    }

    func testOnlyAdministratorsManageUsers() throws {
        for username in ["a-super", "a-cm1", "a-analyst", "a-partner"] {
            let browser = harness.browser()
            try browser.login(username)
            XCTAssertEqual(try browser.get("/admin/users").status, 403, username)
            let post = try browser.post("/admin/users/role", form: [("csrf", try browser.csrfToken()), ("username", "a-cm1"), ("role", "admin")])
            XCTAssertEqual(post.status, 403, username)
        }
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM users WHERE username = 'a-cm1' AND role = 'care_manager'"), 1)
    }
}

/// Ending access: a disabled account loses its sessions and API tokens at once and cannot sign in.
final class AccessTerminationTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness?.tearDown() }

    func testDisablingEndsSessionsRevokesTokensAndBlocksSignIn() throws {
        let cm = harness.browser()
        try cm.login("a-cm1")
        XCTAssertEqual(try cm.get("/patients").status, 200)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients", as: "a-cm1").status, 200)

        let admin = harness.browser()
        try admin.login("a-admin")
        let disabled = try admin.post("/admin/users/access", form: [("csrf", try admin.csrfToken()), ("username", "a-cm1"), ("disable", "yes")])
        XCTAssertEqual(disabled.status, 303)

        XCTAssertEqual(try cm.get("/patients").status, 303, "the session is gone")
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients", as: "a-cm1").status, 401, "the token is revoked")
        XCTAssertEqual(try harness.browser().login("a-cm1").status, 401, "the right password no longer signs in")
        let row = try XCTUnwrap(try harness.auditRows(action: "user.disable").last)
        XCTAssertEqual(row.resourceID, "a-cm1")
        XCTAssertEqual(row.username, "a-admin")
        XCTAssertTrue(row.detail.contains("1 API token(s) revoked"), row.detail)

        let enabled = try admin.post("/admin/users/access", form: [("csrf", try admin.csrfToken()), ("username", "a-cm1"), ("disable", "no")])
        XCTAssertEqual(enabled.status, 303)
        XCTAssertEqual(try harness.browser().login("a-cm1").status, 303, "enabled again")
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients", as: "a-cm1").status, 401, "revoked tokens stay revoked")
    }

    func testAnAdministratorCannotDisableThemselvesNorAnotherOrganizationsUser() throws {
        let admin = harness.browser()
        try admin.login("a-admin")
        let own = try admin.post("/admin/users/access", form: [("csrf", try admin.csrfToken()), ("username", "a-admin"), ("disable", "yes")])
        XCTAssertEqual(own.status, 409)
        let foreign = try admin.post("/admin/users/access", form: [("csrf", try admin.csrfToken()), ("username", "b-cm"), ("disable", "yes")])
        XCTAssertEqual(foreign.status, 404, "another organization's user does not exist for this admin")
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM users WHERE disabled = 1"), 0)
    }
}
