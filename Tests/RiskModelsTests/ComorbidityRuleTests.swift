import XCTest
@testable import RiskModels

/// Charlson (Quan 2005 codes; Charlson 1987 / Quan 2011 weights) and Elixhauser (van Walraven) rules.
final class ComorbidityRuleTests: XCTestCase {
    let charlson = CharlsonIndex.quan2005
    let elixhauser = ElixhauserIndex.quan2005

    func testComplicatedDiabetesBeatsUncomplicatedInCharlson() {
        let result = charlson.score([code("E1122"), code("E119")])
        XCTAssertEqual(result.conditions.map(\.name), ["Diabetes with chronic complication"])
        XCTAssertEqual(result.suppressed, [SuppressedCondition(name: "Diabetes without chronic complication",
                                                               supersededBy: "Diabetes with chronic complication",
                                                               diagnoses: [code("E119")])])
        XCTAssertEqual(result.charlson1987Score, 2)
        XCTAssertEqual(result.quan2011Score, 1)
    }

    func testMetastaticTumorBeatsAnyMalignancyAndSevereLiverBeatsMild() {
        let result = charlson.score([code("C787"), code("C3490"), code("I8501"), code("K703")])
        XCTAssertEqual(result.conditions.map(\.name), ["Metastatic solid tumor", "Moderate or severe liver disease"])
        XCTAssertEqual(result.charlson1987Score, 6 + 3)
        XCTAssertEqual(result.quan2011Score, 6 + 4)
    }

    func testPrefixMatchAndWeightsOfCongestiveHeartFailure() {
        let result = charlson.score([code("I509")])
        XCTAssertEqual(result.conditions, [ComorbidityCondition(name: "Congestive heart failure", diagnoses: [code("I509")])])
        XCTAssertEqual(result.charlson1987Score, 1)
        XCTAssertEqual(result.quan2011Score, 2)
        XCTAssertTrue(charlson.score([code("I5")]).conditions.isEmpty, "a code shorter than every prefix matches none")
    }

    func testElixhauserPrecedenceRules() {
        let diabetes = elixhauser.score([code("E1122"), code("E119")])
        XCTAssertEqual(diabetes.conditions.map(\.name), ["Diabetes complicated"])
        XCTAssertEqual(diabetes.suppressed.map(\.name), ["Diabetes uncomplicated"])
        let hypertension = elixhauser.score([code("I10"), code("I110")])
        XCTAssertEqual(hypertension.conditions.map(\.name), ["Congestive heart failure", "Hypertension complicated"])
        XCTAssertEqual(hypertension.suppressed.map(\.name), ["Hypertension uncomplicated"])
        let cancer = elixhauser.score([code("C787"), code("C3490")])
        XCTAssertEqual(cancer.conditions.map(\.name), ["Metastatic cancer"])
        XCTAssertEqual(cancer.vanWalravenScore, 12)
    }

    func testVanWalravenWeightsCanBeNegative() {
        let result = elixhauser.score([code("F329")])
        XCTAssertEqual(result.conditions.map(\.name), ["Depression"])
        XCTAssertEqual(result.vanWalravenScore, -3)
    }

    func testNoCodesScoreZero() {
        XCTAssertEqual(charlson.score([]).charlson1987Score, 0)
        XCTAssertTrue(elixhauser.score([]).conditions.isEmpty)
    }
}
