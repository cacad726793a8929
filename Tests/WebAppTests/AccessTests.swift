import Foundation
import XCTest

/// Who sees which patient, through pages, the API and search. Out-of-scope answers 404, never 403.
final class AccessTests: XCTestCase {
    var harness: WebHarness!
    var mine = "", colleagues = "", otherOrganization = ""

    override func setUpWithError() throws {
        harness = try WebHarness()
        mine = try harness.createPatient("Mary", "Seacole", birthDate: "1950-11-23", identifiers: [("mrn", "MRN-1001")], as: "a-cm1")
        colleagues = try harness.createPatient("Florence", "Nightingale", birthDate: "1950-05-12", identifiers: [("mrn", "MRN-1002")], as: "a-cm2")
        otherOrganization = try harness.createPatient("Clara", "Barton", birthDate: "1950-12-25", identifiers: [("mrn", "MRN-2001")], as: "b-cm")
    }

    override func tearDown() { harness?.tearDown() }

    private func signedIn(_ username: String) throws -> Browser {
        let browser = harness.browser()
        XCTAssertEqual(try browser.login(username).status, 303)
        return browser
    }

    func testCareManagerSeesOwnPatientAndOtherPatientsAreIndistinguishableFromMissing() throws {
        let cm = try signedIn("a-cm1")
        let own = try cm.get("/patients/\(mine)")
        XCTAssertEqual(own.status, 200)
        XCTAssertTrue(own.text.contains("Seacole"))
        let outOfScope = try cm.get("/patients/\(colleagues)")
        let missing = try cm.get("/patients/00000000-0000-0000-0000-000000000000")
        let foreign = try cm.get("/patients/\(otherOrganization)")
        XCTAssertEqual(outOfScope.status, 404)
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(foreign.status, 404)
        XCTAssertEqual(outOfScope.text, missing.text, "an out-of-scope patient must not be told apart from a missing one")
        XCTAssertEqual(foreign.text, missing.text)
        XCTAssertFalse(outOfScope.text.contains("Nightingale"))
        XCTAssertEqual(try cm.get("/patients/\(colleagues)/edit").status, 404)
    }

    func testSupervisorSeesEveryPatientOfTheOrganizationOnly() throws {
        let supervisor = try signedIn("a-super")
        XCTAssertEqual(try supervisor.get("/patients/\(mine)").status, 200)
        XCTAssertEqual(try supervisor.get("/patients/\(colleagues)").status, 200)
        XCTAssertEqual(try supervisor.get("/patients/\(otherOrganization)").status, 404)
        let list = try supervisor.get("/patients")
        XCTAssertTrue(list.text.contains("Seacole") && list.text.contains("Nightingale"))
        XCTAssertFalse(list.text.contains("Barton"))
    }

    func testAnalystGetsAggregatesButNoRegistry() throws {
        let analyst = try signedIn("a-analyst")
        XCTAssertEqual(try analyst.get("/patients").status, 403)
        XCTAssertEqual(try analyst.get("/patients/\(mine)").status, 404)
        let population = try analyst.get("/population")
        XCTAssertEqual(population.status, 200)
        XCTAssertTrue(population.text.contains("2 patients in the registry"), "organization A has two patients")
        XCTAssertFalse(population.text.contains("Seacole"))
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients", as: "a-analyst").status, 403)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(mine)", as: "a-analyst").status, 404)
    }

    func testPartnerSeesNothingOfTheRegistry() throws {
        let partner = try signedIn("a-partner")
        XCTAssertEqual(try partner.get("/patients").status, 403)
        XCTAssertEqual(try partner.get("/patients/\(mine)").status, 404)
        XCTAssertEqual(try partner.get("/population").status, 403)
        XCTAssertEqual(try partner.get("/break-glass").status, 403)
        let welcome = try partner.get("/welcome")
        XCTAssertEqual(welcome.status, 200)
        XCTAssertFalse(welcome.text.contains("Seacole"))
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients?name=Seacole", as: "a-partner").status, 403)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(mine)", as: "a-partner").status, 404)
        XCTAssertEqual(try harness.api("POST", "/api/v1/patients", as: "a-partner",
                                       json: #"{"givenName":"X","familyName":"Y","birthDate":"1950-01-01","sex":"male"}"#).status, 403)
    }

    func testAnotherOrganizationsPatientIs404ForEveryRoleThroughPagesAndAPI() throws {
        for (username, _) in WebHarness.usersA {
            let browser = try signedIn(username)
            XCTAssertEqual(try browser.get("/patients/\(otherOrganization)").status, 404, username)
            let api = try harness.api("GET", "/api/v1/patients/\(otherOrganization)", as: username)
            XCTAssertEqual(api.status, 404, username)
            XCTAssertEqual((api.json()["error"] as? [String: Any])?["code"] as? String, "not_found", username)
            let patch = try harness.api("PATCH", "/api/v1/patients/\(otherOrganization)", as: username, json: #"{"givenName":"Hacked"}"#)
            XCTAssertEqual(patch.status, 404, username)
        }
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM patients WHERE given_name = 'Hacked'"), 0)
        // And the other way round.
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(mine)", as: "b-super").status, 404)
    }

    func testSearchNeverListsOutOfScopePatients() throws {
        // Every patient was born in 1950: a broad name or date search must still return only what the caller may see.
        func ids(_ target: String, as username: String) throws -> Set<String> {
            let response = try harness.api("GET", target, as: username)
            XCTAssertEqual(response.status, 200, "\(username) \(target)")
            return Set(((response.json()["patients"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
        }
        for target in ["/api/v1/patients", "/api/v1/patients?name=a", "/api/v1/patients?identifier=MRN-1002",
                       "/api/v1/patients?identifier=MRN-2001", "/api/v1/patients?birthDate=1950-12-25", "/api/v1/patients?name=Clara"] {
            XCTAssertTrue(try ids(target, as: "a-cm1").isSubset(of: [mine]), target)
            XCTAssertTrue(try ids(target, as: "a-super").isSubset(of: [mine, colleagues]), target)
            XCTAssertTrue(try ids(target, as: "b-super").isSubset(of: [otherOrganization]), target)
        }
        XCTAssertEqual(try ids("/api/v1/patients", as: "a-super"), [mine, colleagues])
        XCTAssertEqual(try ids("/api/v1/patients", as: "a-cm1"), [mine])
        let total = try harness.api("GET", "/api/v1/patients?name=Nightingale", as: "a-cm1").json()["total"] as? Int
        XCTAssertEqual(total, 0, "totals must not leak out-of-scope matches")
        let page = try signedIn("a-cm1").get("/patients?name=Nightingale")
        XCTAssertEqual(page.status, 200)
        XCTAssertFalse(page.text.contains("Nightingale,"), "the HTML list must not show an out-of-scope patient")
        XCTAssertTrue(page.text.contains("0 matching patients"))
    }
}
