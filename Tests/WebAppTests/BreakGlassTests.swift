import CareCore
import Foundation
import XCTest

/// Emergency access outside one's care team: reason required, banner shown, audited, reviewed by
/// supervisors, and over after one hour.
final class BreakGlassTests: XCTestCase {
    var harness: WebHarness!
    var patient = ""
    let reason = "Covering for Dana who is on leave; patient called in crisis"

    override func setUpWithError() throws {
        harness = try WebHarness()
        patient = try harness.createPatient("Florence", "Nightingale", identifiers: [("mrn", "MRN-77")], as: "a-cm2")
    }

    override func tearDown() { harness?.tearDown() }

    func testBreakGlassOpensTheChartWithBannerAuditsTheReasonAndIsListedForSupervisors() throws {
        let cm = harness.browser()
        try cm.login("a-cm1")
        XCTAssertEqual(try cm.get("/patients/\(patient)").status, 404)
        let open = try cm.post("/break-glass", form: [("csrf", try cm.csrfToken()), ("patient", "MRN-77"), ("reason", reason)])
        XCTAssertEqual(open.status, 303)
        XCTAssertEqual(open.header("Location"), "/patients/\(patient)")
        let chart = try cm.get("/patients/\(patient)")
        XCTAssertEqual(chart.status, 200)
        XCTAssertTrue(chart.text.contains("id=\"break-glass-banner\""), "the chart must say it is seen through emergency access")

        let grant = try XCTUnwrap(try harness.auditRows(action: "patient.break_glass").last)
        XCTAssertEqual(grant.username, "a-cm1")
        XCTAssertEqual(grant.role, "care_manager")
        XCTAssertEqual(grant.patientID, patient)
        XCTAssertEqual(grant.outcome, "success")
        XCTAssertEqual(grant.detail, reason)
        XCTAssertEqual(try harness.auditRows(action: "patient.read").last?.detail, "via break-glass")

        let supervisor = harness.browser()
        try supervisor.login("a-super")
        let review = try supervisor.get("/break-glass/review")
        XCTAssertEqual(review.status, 200)
        XCTAssertTrue(review.text.contains("a-cm1"))
        XCTAssertTrue(review.text.contains("Covering for Dana who is on leave; patient called in crisis"))
        XCTAssertTrue(review.text.contains("Nightingale, Florence"))
        // A care manager may not review; another organization's supervisor sees none of it.
        XCTAssertEqual(try cm.get("/break-glass/review").status, 403)
        let otherSupervisor = harness.browser()
        try otherSupervisor.login("b-super")
        XCTAssertFalse(try otherSupervisor.get("/break-glass/review").text.contains("a-cm1"))
    }

    func testTooShortReasonIsRefusedAndGrantsNothing() throws {
        let cm = harness.browser()
        try cm.login("a-cm1")
        let refused = try cm.post("/break-glass", form: [("csrf", try cm.csrfToken()), ("patient", patient), ("reason", "  urgent  ")])
        XCTAssertEqual(refused.status, 422)
        XCTAssertTrue(refused.text.contains("break-glass-error"))
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM break_glass_grants"), 0)
        XCTAssertEqual(try cm.get("/patients/\(patient)").status, 404)
    }

    func testAnotherOrganizationsPatientCannotBeOpenedByBreakGlass() throws {
        let foreign = try harness.createPatient("Clara", "Barton", identifiers: [("mrn", "MRN-B1")], as: "b-cm")
        let cm = harness.browser()
        try cm.login("a-cm1")
        for reference in [foreign, "MRN-B1"] {
            XCTAssertEqual(try cm.post("/break-glass", form: [("csrf", try cm.csrfToken()), ("patient", reference), ("reason", reason)]).status, 404)
        }
        XCTAssertEqual(try harness.count("SELECT COUNT(*) FROM break_glass_grants"), 0)
        XCTAssertEqual(try cm.get("/patients/\(foreign)").status, 404)
    }

    func testGrantExpiresAfterOneHour() throws {
        let cm = harness.browser()
        try cm.login("a-cm1")
        XCTAssertEqual(try cm.post("/break-glass", form: [("csrf", try cm.csrfToken()), ("patient", patient), ("reason", reason)]).status, 303)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(patient)", as: "a-cm1").status, 200)
        harness.clock.advance(by: AccessRules.breakGlassDuration - 1)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(patient)", as: "a-cm1").status, 200, "one second before the hour")
        harness.clock.advance(by: 1)
        XCTAssertEqual(try harness.api("GET", "/api/v1/patients/\(patient)", as: "a-cm1").status, 404, "at the hour the grant is over")
    }
}
