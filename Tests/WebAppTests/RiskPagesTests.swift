import CareServices
import Foundation
import XCTest

/// `/population/risk` and the chart's risk panel, as a signed-in browser sees them.
final class RiskPagesTests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness.tearDown() }

    @discardableResult
    func runRisk() throws -> String {
        let id = try harness.createPatient("Ada", "Lovelace", birthDate: "1930-03-01", as: "a-cm1")
        try harness.createPatient("Cy", "Other", birthDate: "1950-03-01", as: "a-super")
        _ = try harness.services.riskRuns.run(organizationID: 1, parameters: try XCTUnwrap(RiskRunParameters.standard(asOf: "2025-12-31")))
        return id
    }

    func testSupervisorSeesChartAndNamedList() throws {
        try runRisk()
        let browser = harness.browser()
        _ = try browser.login("a-super")
        let page = try browser.get("/population/risk")
        XCTAssertEqual(page.status, 200)
        let html = String(decoding: page.body, as: UTF8.self)
        XCTAssertTrue(html.contains("<svg"), html)
        XCTAssertTrue(html.contains("Ada Lovelace"))
        XCTAssertTrue(html.contains("Cy Other"))
        XCTAssertTrue(html.contains("No diagnoses on record"), "each row says why")
        let rising = String(decoding: try browser.get("/population/risk?list=rising").body, as: UTF8.self)
        XCTAssertTrue(rising.contains("No patients in this list."), rising)
        XCTAssertEqual(try browser.get("/population/risk?tier=nope").status, 422)
    }

    func testAnalystSeesCountsWithoutNames() throws {
        try runRisk()
        let browser = harness.browser()
        _ = try browser.login("a-analyst")
        let html = String(decoding: try browser.get("/population/risk").body, as: UTF8.self)
        XCTAssertTrue(html.contains("<svg"), html)
        XCTAssertTrue(html.contains("de-identified counts only"))
        XCTAssertFalse(html.contains("Lovelace"))
    }

    func testChartShowsTheRiskPanel() throws {
        let id = try runRisk()
        let browser = harness.browser()
        _ = try browser.login("a-cm1")
        let html = String(decoding: try browser.get("/patients/\(id)").body, as: UTF8.self)
        XCTAssertTrue(html.contains(#"id="risk-score""#), html)
        XCTAssertTrue(html.contains("F95_GT"), html)
        XCTAssertTrue(html.contains("Age 95 counted from the birth date"), html)
        let list = String(decoding: try browser.get("/population/risk").body, as: UTF8.self)
        XCTAssertTrue(list.contains("Lovelace"))
        XCTAssertFalse(list.contains("Cy Other"), "care managers see their care team only")
    }
}
