import CareServices
import Foundation
import RiskModels
import Storage
import XCTest

/// Synthea-style patients: SNOMED-coded conditions (no HCCs, said so), utilization and LACE from encounters and claims.
final class UtilizationRunTests: XCTestCase {
    static func encounter(_ id: String, _ code: String, _ start: String, _ end: String) -> String {
        #"{"resource":{"resourceType":"Encounter","id":"\#(id)","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"\#(code)"},"subject":{"reference":"Patient/p1"},"period":{"start":"\#(start)","end":"\#(end)"}}}"#
    }

    static func claim(_ id: String, _ start: String, _ total: String) -> String {
        #"{"resource":{"resourceType":"Claim","id":"\#(id)","status":"active","use":"claim","patient":{"reference":"Patient/p1"},"billablePeriod":{"start":"\#(start)","end":"\#(start)"},"created":"\#(start)","total":{"value":\#(total),"currency":"USD"}}}"#
    }

    static let bundle = """
    {"resourceType":"Bundle","type":"collection","entry":[
    {"resource":{"resourceType":"Patient","id":"p1","name":[{"family":"Doe","given":["Ann"]}],"gender":"female","birthDate":"1950-06-15"}},
    {"resource":{"resourceType":"Condition","id":"c1","clinicalStatus":{"coding":[{"code":"active"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006","display":"Diabetes"}]},"subject":{"reference":"Patient/p1"}}},
    \(encounter("ed-old", "EMER", "2024-01-10T10:00:00Z", "2024-01-10T14:00:00Z")),
    \(encounter("ed1", "EMER", "2025-03-01T08:00:00Z", "2025-03-01T12:00:00Z")),
    \(encounter("stay1", "IMP", "2025-03-01T12:00:00Z", "2025-03-05T10:00:00Z")),
    \(encounter("stay2", "IMP", "2025-03-15T09:00:00Z", "2025-03-17T10:00:00Z")),
    \(encounter("visit", "AMB", "2025-06-01T09:00:00Z", "2025-06-01T09:30:00Z")),
    \(claim("k1", "2025-03-01T08:00:00Z", "1250.50")),
    \(claim("k2", "2025-03-15T09:00:00Z", "8000")),
    \(claim("k-old", "2023-01-01T09:00:00Z", "999"))
    ]}
    """

    func testUtilizationAndLACEFromEncountersAndClaims() throws {
        let fixture = try RiskFixture()
        fixture.importBundle(Self.bundle)
        let run = try fixture.run()
        XCTAssertEqual(run.withoutICD10Count, 1)
        let row = try XCTUnwrap(try fixture.scores(run: run.id)["p1"])
        XCTAssertEqual(row.emergencyVisits, 1)  // ed-old is before the 365-day window
        XCTAssertEqual(row.admissions, 2)
        XCTAssertEqual(row.readmissions, 1)
        XCTAssertEqual(row.totalCostCents, 925_050)
        // stay2: 2 days (L 2), not after an ED visit (A 0), Charlson 0 (C 0), one ED visit in the 6 months before (E 1).
        XCTAssertEqual(row.lace, 3)
        let explanation = RiskExplanation(json: row.explanation, model: .v28PaymentYear2026)
        XCTAssertEqual(explanation.laces.map(\.stayID), ["stay1", "stay2"])
        // stay1: 4 days (L 4), admitted from the ED the same day (A 3), the same-day ED visit not counted (E 0).
        XCTAssertEqual(explanation.laces.first.map { [$0.l, $0.a, $0.c, $0.e, $0.score] }, [4, 3, 0, 0, 7])
        XCTAssertEqual(explanation.readmissions.first?.admission, "stay2")
        XCTAssertEqual(explanation.readmissions.first?.after, "stay1")
        XCTAssertEqual(explanation.readmissions.first?.days, 10)
        XCTAssertTrue(explanation.hccs.isEmpty)
        XCTAssertTrue(explanation.notes.contains { $0.hasPrefix("No ICD-10-CM diagnoses on record: 1 condition(s)") }, "\(explanation.notes)")
        XCTAssertTrue(explanation.notes.contains { $0.contains("No CMS-HCC segment on record") }, "\(explanation.notes)")
        // Age on 2026-02-01 of someone born 1950-06-15: 75, community non-dual aged, demographic term only.
        XCTAssertEqual(explanation.age, 75)
        XCTAssertEqual(explanation.segment, "CNA")
        XCTAssertEqual(explanation.terms.map(\.name), ["F75_79"])
    }

    /// A window that ends before the stays sees none of them.
    func testTheLookBackWindowBoundsUtilization() throws {
        let fixture = try RiskFixture()
        fixture.importBundle(Self.bundle)
        let run = try fixture.run(RiskRunParameters(asOf: CalendarDay(year: 2025, month: 2, day: 28)!, lookbackDays: 30))
        let row = try XCTUnwrap(try fixture.scores(run: run.id)["p1"])
        XCTAssertEqual([row.emergencyVisits, row.admissions, row.readmissions, row.totalCostCents], [0, 0, 0, 0])
        XCTAssertNil(row.lace)
    }

    /// The population read and the lists are served by indexes (no sort of the whole population).
    func testQueriesUseTheirIndexes() throws {
        let fixture = try RiskFixture()
        try fixture.database.read { conn in
            let plans = [
                ("SELECT patient_id, code_system, code FROM clinical_conditions WHERE organization_id = ?1 AND clinical_status <> 'entered-in-error' ORDER BY patient_id", "clinical_conditions_risk"),
                ("SELECT patient_id, resource_type, content FROM fhir_resources WHERE organization_id = ?1 AND resource_type IN ('Coverage', 'Patient') ORDER BY patient_id", "fhir_resources_risk"),
                ("SELECT rowid FROM risk_scores WHERE organization_id = 1 AND run_id = 1 ORDER BY score_thousandths DESC, patient_row_id LIMIT 50", "risk_scores_top"),
                ("SELECT rowid FROM risk_scores WHERE organization_id = 1 AND run_id = 1 AND delta > 0 AND delta >= 0.5 ORDER BY delta DESC, patient_row_id LIMIT 50", "risk_scores_rising"),
            ]
            for (sql, index) in plans {
                let plan = try conn.explainQueryPlan(sql, sql.contains("?1") ? [Int64(1)] : []).joined(separator: " | ")
                XCTAssertTrue(plan.contains(index), "\(sql): \(plan)")
                XCTAssertFalse(plan.contains("TEMP B-TREE"), "\(sql): \(plan)")
            }
        }
    }
}
