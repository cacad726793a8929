@testable import CareServices
import RiskModels
import XCTest

/// `TierRanking`: the tiers it settles on equal a full sort of (score desc, patient row asc), whatever it
/// predicted while the scores arrived, and its corrections turn every prediction into that answer.
final class TierRankingTests: XCTestCase {
    private let parameters = RiskRunParameters(asOf: CalendarDay(year: 2025, month: 12, day: 31)!)

    /// 200,000 scores with heavy ties (a few hundred distinct values) and a drift after the estimate
    /// stops, so that many predictions are wrong: corrected, every row has its exact tier.
    func testCorrectedPredictionsEqualTheSortedTiers() throws {
        var generator = SplitMix(seed: 42)
        var ranking = TierRanking(parameters: parameters)
        var written: [Int64: TierRanking.Tier] = [:]
        var scores: [(thousandths: Int, row: Int64)] = []
        for index in 0..<200_000 {
            let drift = index > 100_000 ? 150 : 0
            let thousandths = Int(generator.next() % 400) * 25 + drift
            let row = Int64(index * 3 + 7)
            written[row] = try ranking.add(thousandths: thousandths, patientRowID: row)
            scores.append((thousandths, row))
        }
        let outcome = ranking.finish()
        for correction in outcome.corrections {
            for row in correction.patientRowIDs {
                XCTAssertNotEqual(written[row], correction.tier)
                written[row] = correction.tier
            }
        }
        let sorted = scores.sorted { $0.thousandths != $1.thousandths ? $0.thousandths > $1.thousandths : $0.row < $1.row }
        let sizes = parameters.tierSizes(population: sorted.count)
        XCTAssertEqual([outcome.high, outcome.moderate], [sizes.high, sizes.moderate])
        XCTAssertEqual(outcome.highCutoff, Double(sorted[sizes.high - 1].thousandths) / 1000)
        XCTAssertEqual(outcome.moderateCutoff, Double(sorted[sizes.high + sizes.moderate - 1].thousandths) / 1000)
        for (index, score) in sorted.enumerated() {
            let expected: TierRanking.Tier = index < sizes.high ? .high : index < sizes.high + sizes.moderate ? .moderate : .low
            XCTAssertEqual(written[score.row], expected, "row \(score.row) at rank \(index)")
            if written[score.row] != expected { break }
        }
        XCTAssertGreaterThan(outcome.corrections.reduce(0) { $0 + $1.patientRowIDs.count }, 0, "the drift must force corrections")
    }

    /// Negative scores and empty tiers: no cut-off, nothing high.
    func testEmptyTiersHaveNoCutoff() throws {
        var none = parameters
        none.highPercent = 0
        none.moderatePercent = 0
        var ranking = TierRanking(parameters: none)
        for row in 1...3_000 { XCTAssertEqual(try ranking.add(thousandths: -row, patientRowID: Int64(row)), .low) }
        let outcome = ranking.finish()
        XCTAssertNil(outcome.highCutoff)
        XCTAssertNil(outcome.moderateCutoff)
        XCTAssertTrue(outcome.corrections.isEmpty)
    }

    /// A row or score that cannot be packed is refused rather than ranked wrongly.
    func testOutOfRangeIsRefused() {
        var ranking = TierRanking(parameters: parameters)
        XCTAssertThrowsError(try ranking.add(thousandths: 1, patientRowID: 1 << 40))
        XCTAssertThrowsError(try ranking.add(thousandths: 1 << 24, patientRowID: 1))
    }
}

/// A small deterministic generator (SplitMix64), so the test is the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `ExplanationJSON` writes numbers without Strings; they must read as before.
final class ExplanationJSONTests: XCTestCase {
    func testThousandthsAndNumbersAreWrittenExactly() {
        for value in [-123_456, -2_500, -1_001, -1_000, -20, -5, 0, 1, 5, 20, 395, 500, 999, 1_000, 1_050, 12_340, 1_000_007] {
            var json = ExplanationJSON()
            json.open("v", string: "a\"b")
            json.field("t", thousandths: value)
            json.field("n", number: value)
            json.close()
            XCTAssertEqual(String(decoding: json.bytes, as: UTF8.self),
                           #"{"v":"a\"b","t":\#(ExplanationJSON.decimal(thousandths: value)),"n":\#(value)}"#)
        }
    }
}

/// `DemographicsParser` reads members-import documents in place; whatever the document, it must say
/// exactly what the full JSON parse says.
final class DemographicsFastPathTests: XCTestCase {
    private let base = "https://tend.example/fhir/StructureDefinition/"

    private func patient(_ json: String) -> (fast: PopulationMember, full: PopulationMember, inPlace: Bool) {
        var fast = PopulationMember(), full = PopulationMember()
        let inPlace = Array(json.utf8).withUnsafeBufferPointer { DemographicsParser.patient($0, into: &fast) }
        DemographicsParser.patient(Array(json.utf8), into: &full)
        return (fast, full, inPlace)
    }

    private func coverage(_ json: String) -> (fast: PopulationMember, full: PopulationMember, inPlace: Bool) {
        var fast = PopulationMember(), full = PopulationMember()
        let inPlace = Array(json.utf8).withUnsafeBufferPointer { DemographicsParser.coverage($0, into: &fast) }
        DemographicsParser.coverage(Array(json.utf8), into: &full)
        return (fast, full, inPlace)
    }

    func testPatientAgeMatchesTheFullParse() {
        let member = #"{"resourceType":"Patient","id":"m1","gender":"male","birthDate":"1946","#
        for json in [
            member + #""extension":[{"url":"\#(base)member-age","valueInteger":80}]}"#,
            member + #""extension":[{"url":"\#(base)member-age","valueInteger":131}]}"#,
            member + #""extension":[{"url":"\#(base)member-age","valueInteger":1000}]}"#,
            member + #""extension":[{"url":"\#(base)other","valueInteger":7}],"# + #""extension":[{"url":"\#(base)member-age","valueInteger":80}]}"#,
            #"{"name":[{"extension":[{"url":"x"}]}],"extension":[{"url":"\#(base)member-age","valueInteger":66}]}"#,
            member + #""extension":[{"url":"\#(base)member-age","valueInteger":80}]} "#,
        ] {
            let (fast, full, _) = patient(json)
            XCTAssertEqual([fast.age, fast.ageFromPayer ? 1 : 0], [full.age, full.ageFromPayer ? 1 : 0], json)
        }
        let written = patient(member + #""extension":[{"url":"\#(base)member-age","valueInteger":80}]}"#)
        XCTAssertTrue(written.inPlace)
        XCTAssertEqual(written.fast.age, 80)
    }

    func testCoverageMatchesTheFullParse() {
        func document(_ segment: String, _ reason: String, _ medicaid: String, before: String = "") -> String {
            #"{"resourceType":"Coverage","id":"m1-coverage",\#(before)"type":{"coding":[{"system":"urn:tend:cms-hcc-segment","code":"\#(segment)"}]},"#
                + #""extension":[{"url":"\#(base)original-reason-for-entitlement","valueCode":"\#(reason)"},"#
                + #"{"url":"\#(base)medicaid-dual","valueBoolean":\#(medicaid)}]}"#
        }
        for json in [
            document("CNA", "1", "false"), document("CPD", "2", "true"), document("NE", "9", "true"), document("C\\\"X", "0", "false"),
            document("CFA", "3", "true", before: #""type":{"coding":[{"system":"urn:tend:cms-hcc-segment","code":"INS"}]},"#),
            document("CFA", "3", "true", before: #""extension":[{"url":"\#(base)medicaid-dual","valueBoolean":false}],"#),
        ] {
            let (fast, full, _) = coverage(json)
            XCTAssertEqual(fast.coverageSegment, full.coverageSegment, json)
            XCTAssertEqual(fast.originalReason, full.originalReason, json)
            XCTAssertEqual(fast.medicaid, full.medicaid, json)
        }
        let (fast, _, inPlace) = coverage(document("CPD", "2", "true"))
        XCTAssertTrue(inPlace)
        XCTAssertEqual(fast.coverageSegment, "CPD")
        XCTAssertTrue(fast.medicaid)
    }
}
