import CareCore
import CareServices
import Foundation
import Storage
import XCTest

/// The population risk endpoints: who sees named patients, who sees aggregates only, paging and audit.
final class RiskAPITests: XCTestCase {
    var harness: WebHarness!

    override func setUpWithError() throws { harness = try WebHarness() }
    override func tearDown() { harness.tearDown() }

    /// Six patients of North Clinic (two on a-cm1's care team), one of South Clinic, then a risk run per organization.
    @discardableResult
    func populate() throws -> (mine: [String], others: [String]) {
        let mine = [try harness.createPatient("Ada", "Old", birthDate: "1930-03-01", as: "a-cm1"),
                    try harness.createPatient("Bea", "Young", birthDate: "1990-03-01", as: "a-cm1")]
        var others: [String] = []
        for year in [1935, 1945, 1950, 1960] { others.append(try harness.createPatient("Cy", "Other\(year)", birthDate: "\(year)-07-01", as: "a-super")) }
        try harness.createPatient("Dee", "South", birthDate: "1931-01-01", as: "b-super")
        let parameters = try XCTUnwrap(RiskRunParameters.standard(asOf: "2025-12-31"))
        for org in [1, 2] as [Int64] { _ = try harness.services.riskRuns.run(organizationID: org, parameters: parameters) }
        return (mine, others)
    }

    func object(_ response: WireResponse) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], String(decoding: response.body, as: UTF8.self))
    }

    func testSupervisorSeesTheOrganizationListWithReasonsAndTheListIsAudited() throws {
        let (mine, others) = try populate()
        var response: WireResponse!
        let audit = try harness.auditRowsAdded { response = try harness.api("GET", "/api/v1/risk/population?limit=10", as: "a-super") }
        XCTAssertEqual(response.status, 200)
        let body = try object(response)
        XCTAssertEqual(body["scope"] as? String, "organization")
        let patients = try XCTUnwrap(body["patients"] as? [[String: Any]])
        XCTAssertEqual(Set(patients.compactMap { $0["id"] as? String }), Set(mine + others))
        let scores = patients.compactMap { $0["score"] as? Double }
        XCTAssertEqual(scores, scores.sorted(by: >))
        XCTAssertTrue((patients.first?["reasons"] as? [String])?.first?.hasPrefix("No diagnoses") ?? false, "\(patients.first ?? [:])")
        let tiers = try XCTUnwrap(body["tiers"] as? [[String: Any]])
        XCTAssertEqual(tiers.compactMap { $0["count"] as? Int }.reduce(0, +), 6)
        let search = try XCTUnwrap(audit.first { $0.action == "patient.search" })
        XCTAssertEqual(search.resourceType, "RiskScore")
        for id in mine + others { XCTAssertTrue(search.detail.contains(id), search.detail) }
    }

    func testCareManagerSeesOnlyTheirCareTeam() throws {
        let (mine, _) = try populate()
        let body = try object(try harness.api("GET", "/api/v1/risk/population", as: "a-cm1"))
        XCTAssertEqual(body["scope"] as? String, "careTeam")
        XCTAssertEqual(Set((body["patients"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }), Set(mine))
        let tiers = try XCTUnwrap(body["tiers"] as? [[String: Any]])
        XCTAssertEqual(tiers.compactMap { $0["count"] as? Int }.reduce(0, +), 2)
        let other = try object(try harness.api("GET", "/api/v1/risk/population", as: "a-cm2"))
        XCTAssertEqual((other["patients"] as? [Any])?.count, 0)
    }

    func testAnalystGetsAggregatesOnlyAndPartnerNothing() throws {
        try populate()
        let body = try object(try harness.api("GET", "/api/v1/risk/population", as: "a-analyst"))
        XCTAssertEqual(body["scope"] as? String, "aggregatesOnly")
        XCTAssertNil(body["patients"])
        XCTAssertFalse(String(decoding: try harness.api("GET", "/api/v1/risk/population", as: "a-analyst").body, as: UTF8.self).contains("Ada"))
        XCTAssertEqual((body["run"] as? [String: Any])?["patients"] as? Int, 6)
        XCTAssertEqual(try harness.api("GET", "/api/v1/risk/population", as: "a-partner").status, 403)
        XCTAssertEqual(try harness.api("GET", "/api/v1/risk/population").status, 401)
    }

    func testKeysetPagesCoverTheListOnce() throws {
        try populate()
        var seen: [String] = []
        var after = ""
        repeat {
            let body = try object(try harness.api("GET", "/api/v1/risk/population?limit=4" + (after.isEmpty ? "" : "&after=" + after), as: "a-super"))
            seen += (body["patients"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            after = body["next"] as? String ?? ""
        } while !after.isEmpty && seen.count < 100
        let all = try object(try harness.api("GET", "/api/v1/risk/population?limit=200", as: "a-super"))
        XCTAssertEqual(seen, (all["patients"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        XCTAssertEqual(seen.count, 6)
        XCTAssertEqual(try harness.api("GET", "/api/v1/risk/population?tier=extreme", as: "a-super").status, 422)
        let high = try object(try harness.api("GET", "/api/v1/risk/population?tier=low", as: "a-super"))
        XCTAssertTrue((high["patients"] as? [[String: Any]] ?? []).allSatisfy { $0["tier"] as? String == "low" })
    }

    func testPatientRiskPanelFollowsChartAccessAndIsAuditedAsAChartRead() throws {
        let (mine, others) = try populate()
        var response: WireResponse!
        let audit = try harness.auditRowsAdded { response = try harness.api("GET", "/api/v1/risk/patients/\(mine[0])", as: "a-cm1") }
        XCTAssertEqual(response.status, 200)
        let body = try object(response)
        let explanation = try XCTUnwrap(body["explanation"] as? [String: Any])
        XCTAssertEqual((explanation["terms"] as? [[String: Any]])?.first?["name"] as? String, "F95_GT")
        XCTAssertEqual(audit.map(\.action), ["patient.read"])
        XCTAssertEqual(audit.first?.patientID, mine[0])
        XCTAssertEqual(try harness.api("GET", "/api/v1/risk/patients/\(others[0])", as: "a-cm1").status, 404)
        XCTAssertEqual(try harness.api("GET", "/api/v1/risk/patients/\(mine[0])", as: "b-super").status, 404)
        XCTAssertEqual(try harness.api("GET", "/api/v1/risk/patients/\(mine[0])", as: "a-analyst").status, 404)
    }
}
