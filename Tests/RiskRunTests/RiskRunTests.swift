import CareCore
import CareServices
import Foundation
import RiskModels
import Storage
import XCTest

/// `RiskRunService`: the whole population scored from the database, exactly as the model scores it.
final class RiskRunTests: XCTestCase {
    /// 300 members of ../shared/data/risk-dev: every stored score, HCC list and dropped HCC equals the
    /// oracle-checked expected output, and the explanation names each HCC's codes.
    func testEveryMemberScoresAsTheExpectedOutput() throws {
        let fixture = try RiskFixture()
        let lines = try String(contentsOfFile: RiskFixture.data + "/risk-dev/members_5k.jsonl", encoding: .utf8).split(separator: "\n").prefix(300).map(String.init)
        try fixture.importMembers(lines)
        let run = try fixture.run()
        XCTAssertEqual(run.status, "finished")
        XCTAssertEqual(run.patientsScored, 300)
        let scores = try fixture.scores(run: run.id)
        let expected = try String(contentsOfFile: RiskFixture.data + "/risk-dev/expected_v28_2026.jsonl", encoding: .utf8).split(separator: "\n").prefix(300)
        XCTAssertEqual(expected.count, 300)
        for line in expected {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try XCTUnwrap(object["id"] as? String)
            let row = try XCTUnwrap(scores[id], id)
            XCTAssertEqual(row.scoreThousandths, Int(((object["score"] as? Double ?? -1) * 1000).rounded()), id)
            XCTAssertEqual(row.hccs, (object["hccs"] as? [String] ?? []).joined(separator: " "), id)
            let explanation = RiskExplanation(json: row.explanation, model: .v28PaymentYear2026)
            XCTAssertEqual(explanation.dropped.map(\.hcc), object["dropped"] as? [String] ?? [], id)
            XCTAssertEqual(explanation.segment, object["segment"] as? String, id)
            XCTAssertEqual(explanation.ageSource, "payer", id)
            XCTAssertEqual(Set(explanation.terms.map(\.name)), Set((object["terms"] as? [String: Double] ?? [:]).keys), id)
            for finding in explanation.hccs { XCTAssertFalse(finding.diagnoses.isEmpty, "\(id) \(finding.hcc)") }
        }
    }

    /// Hierarchies and interactions are explained: E1122 + E119 give HCC37 (HCC38 dropped by 37), I5022
    /// gives HCC226 and the diabetes/heart-failure interaction carries its coefficient.
    func testExplanationNamesCodesDroppedHCCsAndInteractions() throws {
        let fixture = try RiskFixture()
        try fixture.importMembers([RiskFixture.member("m1", dx: ["E1122", "E119", "I5022", "Z23"])])
        let run = try fixture.run()
        let row = try XCTUnwrap(try fixture.scores(run: run.id)["m1"])
        let explanation = RiskExplanation(json: row.explanation, model: .v28PaymentYear2026)
        XCTAssertEqual(explanation.hccs.map(\.hcc), ["HCC37", "HCC226"])
        XCTAssertEqual(explanation.hccs.first?.diagnoses, ["E1122"])
        XCTAssertEqual(explanation.dropped.map(\.hcc), ["HCC38"])
        XCTAssertEqual(explanation.dropped.first?.droppedBy, ["HCC37"])
        XCTAssertEqual(explanation.dropped.first?.diagnoses, ["E119"])
        let interaction = try XCTUnwrap(explanation.terms.first { $0.kind == "disease_interaction" })
        XCTAssertEqual(interaction.name, "DIABETES_HF_V28")
        XCTAssertGreaterThan(interaction.value, 0)
        XCTAssertEqual(explanation.terms.reduce(0) { $0 + Int(($1.value * 1000).rounded()) }, row.scoreThousandths)
        XCTAssertFalse(explanation.hccs[0].label.isEmpty)
    }

    /// 5% high and 15% moderate of 20 equal scores: 1 and 3 patients, ties broken by registry row.
    func testTiersArePercentagesWithDeterministicTies() throws {
        let fixture = try RiskFixture()
        try fixture.importMembers((1...20).map { RiskFixture.member(String(format: "m%02d", $0), dx: ["E119"]) })
        let run = try fixture.run()
        XCTAssertEqual([run.highCount, run.moderateCount, run.lowCount], [1, 3, 16])
        let ordered = try fixture.database.read { conn in
            try RiskScoreRepository(conn).top(organizationID: fixture.organizationID, runID: run.id, scope: .organization, tier: nil, after: nil, limit: 100)
        }
        XCTAssertEqual(ordered.map(\.tier), ["high"] + Array(repeating: "moderate", count: 3) + Array(repeating: "low", count: 16))
        XCTAssertEqual(ordered.map(\.patientRowID), ordered.map(\.patientRowID).sorted())
        XCTAssertEqual(ordered.first?.patientID, "m01")

        var custom = RiskRunParameters(highPercent: 10, moderatePercent: 40, risingDelta: 0.25, asOf: CalendarDay(year: 2025, month: 12, day: 31)!)
        custom.jobs = 1
        let second = try fixture.run(custom)
        XCTAssertEqual([second.highCount, second.moderateCount, second.lowCount], [2, 8, 10])
        XCTAssertTrue(second.parameters.contains(#""high_percent":10,"moderate_percent":40,"rising_delta":0.25"#), second.parameters)
        XCTAssertEqual(second.previousRunID, run.id)
    }

    /// Higher scores rank first whatever the import order; the cut-off is the lowest score of the tier.
    func testHighTierHoldsTheHighestScores() throws {
        let fixture = try RiskFixture()
        var lines = (1...19).map { RiskFixture.member(String(format: "m%02d", $0), dx: []) }
        lines.append(RiskFixture.member("m20", dx: ["C7800", "I5022", "N186"]))
        try fixture.importMembers(lines)
        let run = try fixture.run()
        let scores = try fixture.scores(run: run.id)
        XCTAssertEqual(scores["m20"]?.tier, "high")
        XCTAssertEqual(run.highCutoff, scores["m20"]?.score)
        XCTAssertEqual(scores.values.filter { $0.tier == "high" }.count, 1)
    }

    /// A second run compares with the first: a member whose diagnoses grew is rising; others have delta 0.
    func testRisingComparesWithThePreviousRun() throws {
        let fixture = try RiskFixture()
        try fixture.importMembers([RiskFixture.member("m1", dx: ["E119"]), RiskFixture.member("m2", dx: ["E119"]), RiskFixture.member("m3", dx: [])])
        let first = try fixture.run()
        XCTAssertEqual(first.risingCount, 0)
        XCTAssertNil(try fixture.scores(run: first.id)["m1"]?.delta)
        try fixture.importMembers([RiskFixture.member("m1", dx: ["E119", "C7800", "I5022"]), RiskFixture.member("m2", dx: ["E119"]),
                                   RiskFixture.member("m3", dx: [])])
        let second = try fixture.run()
        XCTAssertEqual(second.previousRunID, first.id)
        XCTAssertEqual(second.risingCount, 1)
        let scores = try fixture.scores(run: second.id)
        let m1 = try XCTUnwrap(scores["m1"])
        let before = try XCTUnwrap(try fixture.scores(run: first.id)["m1"])
        XCTAssertEqual(m1.delta, Double(m1.scoreThousandths - before.scoreThousandths) / 1000)
        XCTAssertGreaterThanOrEqual(m1.delta ?? 0, 0.5)
        XCTAssertEqual(scores["m2"]?.delta, 0)
        let rising = try fixture.database.read { conn in
            try RiskScoreRepository(conn).rising(organizationID: fixture.organizationID, runID: second.id, scope: .organization,
                                                 minimumDelta: 0.5, after: nil, limit: 10)
        }
        XCTAssertEqual(rising.map(\.patientID), ["m1"])
        // History: both runs stay.
        XCTAssertEqual(try fixture.scalar("SELECT count(*) FROM risk_scores"), 6)
    }

    /// The run is audited as an operator action with its counts and parameters.
    func testTheRunIsAudited() throws {
        let fixture = try RiskFixture()
        try fixture.importMembers([RiskFixture.member("m1", dx: ["E119"])])
        let run = try fixture.run()
        let detail = try fixture.database.read { conn in
            try conn.queryOne("SELECT detail, username, resource_id FROM audit_events WHERE action = 'risk.run'")
        }
        XCTAssertEqual(detail?.string("username"), "operator")
        XCTAssertEqual(detail?.string("resource_id"), String(run.id))
        XCTAssertTrue(detail?.string("detail")?.contains("patients=1 high=0") ?? false, detail?.string("detail") ?? "none")
        if case .failure(let broken) = try fixture.services.auditLog.verify() { XCTFail("audit chain broken: \(broken)") }
    }

    /// Bad parameters are refused before anything is written.
    func testBadParametersAreRefused() throws {
        let fixture = try RiskFixture()
        let bad = RiskRunParameters(highPercent: 80, moderatePercent: 30, asOf: CalendarDay(year: 2025, month: 12, day: 31)!)
        XCTAssertNotNil(bad.problem)
        XCTAssertThrowsError(try fixture.run(bad))
        XCTAssertEqual(try fixture.scalar("SELECT count(*) FROM risk_runs"), 0)
    }
}
