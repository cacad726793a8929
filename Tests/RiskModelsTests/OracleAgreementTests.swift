import Foundation
import XCTest
@testable import RiskModels

/// Tend against the oracle-expected outputs of ../shared/data/risk-dev (how they were made, and where
/// the oracles are wrong: ../shared/tools/oracles/README.md). Field by field; the first mismatches are listed.
final class OracleAgreementTests: XCTestCase {
    func testV28PaymentYear2026MatchesExpectedOn5000Members() throws {
        try checkHCC(.v28PaymentYear2026, input: "members_5k.jsonl", expected: "expected_v28_2026.jsonl")
    }

    func testV28PaymentYear2026MatchesExpectedOnEdgeCases() throws {
        try checkHCC(.v28PaymentYear2026, input: "edge_cases.jsonl", expected: "edge_expected_v28_2026.jsonl")
    }

    func testV24PaymentYear2025MatchesExpectedOn5000Members() throws {
        try checkHCC(.v24PaymentYear2025, input: "members_5k.jsonl", expected: "expected_v24_2025.jsonl")
    }

    func testV24PaymentYear2025MatchesExpectedOnEdgeCases() throws {
        try checkHCC(.v24PaymentYear2025, input: "edge_cases.jsonl", expected: "edge_expected_v24_2025.jsonl")
    }

    func testComorbidityMatchesExpectedOn5000Members() throws {
        try checkComorbidity(input: "members_5k.jsonl", expected: "expected_comorbidity.jsonl")
    }

    func testComorbidityMatchesExpectedOnEdgeCases() throws {
        try checkComorbidity(input: "edge_cases.jsonl", expected: "edge_expected_comorbidity.jsonl")
    }

    private func checkHCC(_ model: CMSHCCModel, input: String, expected: String) throws {
        let members = try RiskDevData.members(input)
        let expectedObjects = try RiskDevData.objects(expected)
        XCTAssertEqual(members.count, expectedObjects.count, "member count")
        XCTAssertGreaterThanOrEqual(members.count, 51, "risk-dev input read")
        var mismatches: [String] = []
        for (member, object) in zip(members, expectedObjects) {
            let score = model.score(member)
            var problems: [String] = []
            if object["id"] as? String != member.id { problems.append("id \(object["id"] ?? "nil")") }
            if object["model"] as? String != model.version.rawValue { problems.append("model") }
            if object["year"] as? Int != model.paymentYear { problems.append("year") }
            if object["segment"] as? String != score.segment.rawValue { problems.append("segment") }
            let hccs = score.hccs.map(\.hcc.description), wantHCCs = object["hccs"] as? [String] ?? []
            if hccs != wantHCCs { problems.append("hccs \(hccs) != \(wantHCCs)") }
            let dropped = score.dropped.map(\.hcc.description), wantDropped = object["dropped"] as? [String] ?? []
            if dropped != wantDropped { problems.append("dropped \(dropped) != \(wantDropped)") }
            let wantScore = Int(((object["score"] as? Double ?? .nan) * 1000).rounded())
            if score.rawScoreThousandths != wantScore { problems.append("score \(score.rawScore) != \(object["score"] ?? "nil")") }
            let terms = Dictionary(uniqueKeysWithValues: score.terms.map { ($0.name, $0.thousandths) })
            let wantTerms = (object["terms"] as? [String: Double] ?? [:]).mapValues { Int(($0 * 1000).rounded()) }
            if terms != wantTerms {
                let missing = wantTerms.filter { terms[$0.key] != $0.value }.map { "\($0.key)=\($0.value)" }.sorted()
                let extra = terms.filter { wantTerms[$0.key] != $0.value }.map { "\($0.key)=\($0.value)" }.sorted()
                problems.append("terms: expected \(missing), got \(extra)")
            }
            if !problems.isEmpty { mismatches.append("\(member.id) (age \(member.age) \(member.sex.rawValue)): " + problems.joined(separator: "; ")) }
        }
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) mismatches of \(members.count) in \(input), first:\n"
                      + mismatches.prefix(10).joined(separator: "\n"))
    }

    private func checkComorbidity(input: String, expected: String) throws {
        let members = try RiskDevData.members(input)
        let expectedObjects = try RiskDevData.objects(expected)
        XCTAssertEqual(members.count, expectedObjects.count, "member count")
        XCTAssertGreaterThanOrEqual(members.count, 51, "risk-dev input read")
        var mismatches: [String] = []
        for (member, object) in zip(members, expectedObjects) {
            let result = ComorbidityResult(member: member)
            let charlson = object["charlson"] as? [String: Any] ?? [:], elixhauser = object["elixhauser"] as? [String: Any] ?? [:]
            var problems: [String] = []
            if object["id"] as? String != member.id { problems.append("id") }
            let conditions = result.charlson.conditions.map(\.name), want = charlson["conditions"] as? [String] ?? []
            if conditions != want { problems.append("charlson conditions \(conditions) != \(want)") }
            if result.charlson.charlson1987Score != charlson["score_charlson1987"] as? Int {
                problems.append("charlson1987 \(result.charlson.charlson1987Score) != \(charlson["score_charlson1987"] ?? "nil")")
            }
            if result.charlson.quan2011Score != charlson["score_quan2011"] as? Int {
                problems.append("quan2011 \(result.charlson.quan2011Score) != \(charlson["score_quan2011"] ?? "nil")")
            }
            let elixConditions = result.elixhauser.conditions.map(\.name), wantElix = elixhauser["conditions"] as? [String] ?? []
            if elixConditions != wantElix { problems.append("elixhauser conditions \(elixConditions) != \(wantElix)") }
            if result.elixhauser.vanWalravenScore != elixhauser["score_van_walraven"] as? Int {
                problems.append("van Walraven \(result.elixhauser.vanWalravenScore) != \(elixhauser["score_van_walraven"] ?? "nil")")
            }
            if !problems.isEmpty { mismatches.append("\(member.id) \(member.diagnoses): " + problems.joined(separator: "; ")) }
        }
        XCTAssertTrue(mismatches.isEmpty, "\(mismatches.count) mismatches of \(members.count) in \(input), first:\n"
                      + mismatches.prefix(10).joined(separator: "\n"))
    }
}
