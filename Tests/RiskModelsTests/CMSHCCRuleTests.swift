import XCTest
@testable import RiskModels

/// One rule of the CMS-HCC software per test, with members made by hand. Coefficients quoted from
/// Tables/v28_2026_coefficients.csv and v24_2025_coefficients.csv.
final class CMSHCCRuleTests: XCTestCase {
    let v28 = CMSHCCModel.v28PaymentYear2026
    let v24 = CMSHCCModel.v24PaymentYear2025

    func testEmptyDiagnosesScoreOnlyTheAgeSexCell() {
        let score = v28.score(member([]))
        XCTAssertEqual(score.terms.map(\.name), ["F70_74"])
        XCTAssertEqual(score.rawScoreThousandths, 395)
    }

    func testEachHCCCarriesTheCodesThatProducedIt() {
        let score = v28.score(member(["I509", "I110", "E1122", "E1122"]))
        XCTAssertEqual(score.hccs.first { $0.hcc == HCC(226) }?.diagnoses, [code("I110"), code("I509")])
        XCTAssertEqual(score.hccs.first { $0.hcc == HCC(37) }?.diagnoses, [code("E1122")])
    }

    func testUnknownAndMalformedCodesMapToNothing() {
        XCTAssertNil(ICD10Code("E11.22.33X"))
        XCTAssertNil(ICD10Code("E11-22"))
        XCTAssertEqual(ICD10Code("e11.22"), ICD10Code("E1122"))
        let score = v28.score(member(["ZZZ999", "R05", "E1"]))
        XCTAssertTrue(score.hccs.isEmpty)
        XCTAssertEqual(score.terms.map(\.name), ["F70_74"])
    }

    func testDiabetesHierarchyDropsTheMilderHCCAndSaysWhich() {
        let score = v28.score(member(["E1122", "E119"]))
        XCTAssertEqual(score.hccNames, ["HCC37"])
        XCTAssertEqual(score.dropped, [DroppedHCC(hcc: HCC(38), diagnoses: [code("E119")], reason: .hierarchy(droppedBy: [HCC(37)]))])
    }

    func testMetastaticCancerDropsLowerCancers() {
        let score = v28.score(member(["C787", "C3490"]))
        XCTAssertEqual(score.hccNames, ["HCC17"])
        XCTAssertEqual(score.droppedNames, ["HCC20"])
    }

    func testHCC223AloneIsZeroedAndImposesNoHierarchy() {
        // V28 heart patch: HCC223 without HCC221/222/224/225/226 is dropped; HCC227, its child, stays.
        let score = v28.score(member(["T82512A", "A3681"]))
        XCTAssertEqual(score.hccNames, ["HCC227"])
        XCTAssertEqual(score.dropped.map(\.reason), [.heartFailurePatch])
    }

    func testHCC223WithAnotherHeartFailureHCCStaysAndDropsItsChildren() {
        let score = v28.score(member(["T82512A", "I509"]))
        XCTAssertEqual(score.hccNames, ["HCC223"])
        XCTAssertEqual(score.dropped, [DroppedHCC(hcc: HCC(226), diagnoses: [code("I509")], reason: .hierarchy(droppedBy: [HCC(223)]))])
    }

    func testV28DiseaseInteractions() {
        XCTAssertEqual(v28.score(member(["E119", "I509"])).term("DIABETES_HF_V28"), 112)
        XCTAssertNotNil(v28.score(member(["I509", "J449"])).term("HF_CHR_LUNG_V28"))
        XCTAssertNotNil(v28.score(member(["I509", "N184"])).term("HF_KIDNEY_V28"))
        XCTAssertNotNil(v28.score(member(["J449", "J9601"])).term("CHR_LUNG_CARD_RESP_FAIL_V28"))
        XCTAssertNotNil(v28.score(member(["I509", "I4891"])).term("HF_HCC238_V28"))
        XCTAssertNotNil(v28.score(member(["F1020", "F200"], age: 40, segment: .communityNonDualDisabled, orec: .disability))
            .term("gSubUseDisorder_gPsych_V28"))
        XCTAssertNil(v28.score(member(["E119", "J449"])).term("DIABETES_HF_V28"))
    }

    func testV28DisabledInteractionsNeedDisabledMembers() {
        let disabled = v28.score(member(["C787", "I509"], age: 50, segment: .institutional, orec: .disability))
        XCTAssertEqual(disabled.term("DISABLED_CANCER_V28"), 367)
        XCTAssertNotNil(disabled.term("DISABLED_HF_V28"))
        // Under 65 with OREC 0 is not DISABLED (DISABL = AGE < 65 and OREC ne "0").
        let notDisabled = v28.score(member(["C787", "I509"], age: 50, segment: .institutional, orec: .oldAge))
        XCTAssertNil(notDisabled.term("DISABLED_CANCER_V28"))
        XCTAssertNil(notDisabled.term("DISABLED_HF_V28"))
    }

    func testV24DiseaseInteractions() {
        XCTAssertNotNil(v24.score(member(["E119", "I509"])).term("DIABETES_CHF"))
        XCTAssertNotNil(v24.score(member(["I509", "J449"])).term("CHF_gCopdCF"))
        XCTAssertNotNil(v24.score(member(["I509", "N184"])).term("HCC85_gRenal_V24"))
        XCTAssertNotNil(v24.score(member(["I509", "I4891"])).term("HCC85_HCC96"))
        XCTAssertNotNil(v24.score(member(["A419", "L89153"], segment: .institutional)).term("SEPSIS_PRESSURE_ULCER"))
        XCTAssertEqual(v24.score(member(["F200", "G40909"], segment: .institutional)).term("SCHIZOPHRENIA_SEIZURES"), 573)
        XCTAssertNil(v24.score(member(["F200", "G40909"])).term("SCHIZOPHRENIA_SEIZURES"), "community segments have no such term")
        XCTAssertNotNil(v24.score(member(["I509"], age: 50, segment: .institutional, orec: .disability))
            .term("DISABLED_HCC85"))
    }

    func testPaymentHCCCountTerms() {
        let one = v28.score(member(["E119"]))
        XCTAssertNil(one.term("D1"), "CNA D1 is 0.0 and zero terms are omitted")
        let five = v28.score(member(["E119", "I509", "J449", "N184", "F200"]))
        XCTAssertEqual(five.hccs.count, 5)
        XCTAssertEqual(five.term("D5"), 50)
        let eleven = v28.score(member(["E119", "I509", "J449", "N184", "F200", "C3490", "G809", "L89153", "A419", "K7030", "G40909"]))
        XCTAssertEqual(eleven.hccs.count, 11)
        XCTAssertEqual(eleven.term("D10P"), 728)
        XCTAssertNil(eleven.term("D9"))
    }

    func testOriginallyDisabledTermsByAgeAndSex() {
        XCTAssertEqual(v28.score(member([], age: 70, sex: .female, orec: .disability)).term("OriginallyDisabled_Female"), 228)
        XCTAssertEqual(v28.score(member([], age: 70, sex: .male, orec: .disability)).term("OriginallyDisabled_Male"), 135)
        XCTAssertNil(v28.score(member([], age: 64, sex: .female, segment: .communityNonDualDisabled, orec: .disability))
            .term("OriginallyDisabled_Female"), "under 65 the member is disabled, not originally disabled")
        XCTAssertNil(v28.score(member([], age: 70, orec: .disabilityAndEndStageRenalDisease)).term("OriginallyDisabled_Female"))
    }

    func testInstitutionalMedicaidAddsLTIMCAID() {
        XCTAssertEqual(v28.score(member([], segment: .institutional, medicaid: true)).term("LTIMCAID"), 130)
        XCTAssertNil(v28.score(member([], segment: .institutional, medicaid: false)).term("LTIMCAID"))
        XCTAssertNil(v28.score(member([], segment: .communityFullDualAged, medicaid: true)).term("LTIMCAID"))
    }

    func testAgeBandBoundaries() {
        XCTAssertEqual(v28.score(member([], age: 34, segment: .communityNonDualDisabled)).terms.first?.name, "F0_34")
        XCTAssertEqual(v28.score(member([], age: 35, segment: .communityNonDualDisabled)).terms.first?.name, "F35_44")
        XCTAssertEqual(v28.score(member([], age: 69)).terms.first?.name, "F65_69")
        XCTAssertEqual(v28.score(member([], age: 70)).terms.first?.name, "F70_74")
        XCTAssertEqual(v28.score(member([], age: 94, sex: .male)).terms.first?.name, "M90_94")
        XCTAssertEqual(v28.score(member([], age: 95, sex: .male)).terms.first?.name, "M95_GT")
    }

    func testBreastCancerUnder50MovesToHCC22InV28() {
        XCTAssertEqual(v28.score(member(["C50911"], age: 49, segment: .communityNonDualDisabled)).hccNames, ["HCC22"])
        XCTAssertEqual(v28.score(member(["C50911"], age: 50, segment: .communityNonDualDisabled)).hccNames, ["HCC23"])
    }

    func testChildCOPDIsInvalidInV28AndMovesToHCC112InV24() {
        let child = member(["J449"], age: 17, segment: .communityNonDualDisabled, orec: .disability)
        XCTAssertTrue(v28.score(child).hccs.isEmpty)
        XCTAssertEqual(v28.score(child).edits.map(\.diagnosis), [code("J449")])
        XCTAssertEqual(v24.score(child).hccNames, ["HCC112"])
        let adult = member(["J449"], age: 18, segment: .communityNonDualDisabled, orec: .disability)
        XCTAssertEqual(v28.score(adult).hccNames, ["HCC280"])
    }

    func testCOPDCodesNewInFY2024AreEditedForChildrenToo() {
        // Oracle README errors 4 and 9: RAM lacks J4481/J4489 in its age < 18 edit; CMS's macro has them.
        XCTAssertTrue(v28.score(member(["J4489"], age: 16, segment: .communityNonDualDisabled)).hccs.isEmpty)
        XCTAssertEqual(v24.score(member(["J4489"], age: 16, segment: .communityNonDualDisabled)).hccNames, ["HCC112"])
    }

    func testFemaleHemophiliaMovesToTheCoagulationDefectHCC() {
        XCTAssertEqual(v28.score(member(["D66"], sex: .female)).hccNames, ["HCC112"])
        XCTAssertEqual(v28.score(member(["D66"], sex: .male)).hccNames, ["HCC111"])
        XCTAssertEqual(v24.score(member(["D66"], sex: .female)).hccNames, ["HCC48"])
    }

    func testMedicareCodeEditorAgeConditionInvalidatesEveryHCCOfTheCode() {
        // Oracle README error 6: I7065 maps to two HCCs; at age 2 the MCE edit removes the code, so neither.
        let score = v28.score(member(["I7065"], age: 2, segment: .communityNonDualDisabled))
        XCTAssertTrue(score.hccs.isEmpty)
        XCTAssertTrue(score.dropped.isEmpty)
        let adult = v28.score(member(["I7065"], age: 70))
        XCTAssertEqual(adult.hccNames, ["HCC263"])
        XCTAssertEqual(adult.droppedNames, ["HCC383"], "valid at 70: both HCCs, then HCC263 drops HCC383")
    }

    func testC50A0MapsToHCC23AtFiftyAndOver() {
        // Oracle README error 3: RAM double-maps C50A0 to HCC22 and HCC23.
        XCTAssertEqual(v28.score(member(["C50A0"], age: 60, segment: .communityNonDualDisabled)).hccNames, ["HCC23"])
    }

    func testRawScoreIsTheExactSumAndPaymentScoreAppliesTheFactors() {
        let score = v28.score(member(["E119", "I509"]))
        XCTAssertEqual(score.rawScoreThousandths, 395 + 166 + 360 + 112)
        XCTAssertEqual(score.paymentScore(normalizationFactor: 1.067, codingIntensityAdjustment: 0.059),
                       ((1.033 * 0.941 / 1.067) * 1000).rounded() / 1000)
        XCTAssertEqual(v28.normalizationFactor, 1.067)
        XCTAssertEqual(v28.codingIntensityAdjustment, 0.059)
    }

    func testOnlySupportedModelYearsExist() {
        XCTAssertNotNil(CMSHCCModel.model(.v28, paymentYear: 2026))
        XCTAssertNotNil(CMSHCCModel.model(.v24, paymentYear: 2025))
        XCTAssertNil(CMSHCCModel.model(.v28, paymentYear: 2025))
    }
}
