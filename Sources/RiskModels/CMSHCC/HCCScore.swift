/// The CMS-HCC model versions Tend implements.
public enum CMSHCCVersion: String, Sendable, CaseIterable {
    /// CMS-HCC V24 (2020 model), used here with payment year 2025 tables.
    case v24 = "cms-hcc-v24"
    /// CMS-HCC V28 (2024 model), used here with payment year 2026 tables.
    case v28 = "cms-hcc-v28"
}

/// A payment HCC of the final score and the diagnoses that produced it.
public struct HCCFinding: Sendable, Equatable {
    /// The category.
    public let hcc: HCC
    /// The member's codes that map to it (after edits), in alphabetical order. A slice of one array
    /// shared by all HCCs of the score (one allocation per member, not one per HCC).
    public let diagnoses: ArraySlice<ICD10Code>
}

/// An HCC that the member's codes produced but that does not count.
public struct DroppedHCC: Sendable, Equatable {
    /// Why it was dropped.
    public enum Reason: Sendable, Equatable {
        /// A more severe HCC of the same hierarchy is present (those parents, in numeric order).
        case hierarchy(droppedBy: [HCC])
        /// V28 heart-failure patch: HCC223 without HCC221/222/224/225/226.
        case heartFailurePatch
    }

    /// The category.
    public let hcc: HCC
    /// The codes that produced it.
    public let diagnoses: ArraySlice<ICD10Code>
    /// The rule that dropped it.
    public let reason: Reason
}

/// An age/sex or MCE edit that changed what a diagnosis contributes.
public struct AppliedEdit: Sendable, Equatable {
    /// The diagnosis.
    public let diagnosis: ICD10Code
    /// The edit that fired.
    public let edit: DiagnosisEdit
}

/// The kind of a score term, as the CMS coefficient tables classify them.
public enum ScoreTermKind: String, Sendable {
    /// Age/sex cell, e.g. `F70_74`.
    case demographic
    /// `OriginallyDisabled_Female/Male`, `LTIMCAID`.
    case demographicInteraction = "demographic_interaction"
    /// A payment HCC.
    case disease
    /// A disease interaction, e.g. `DIABETES_HF_V28`.
    case diseaseInteraction = "disease_interaction"
    /// Payment-HCC count, `D1` ... `D10P`.
    case diseaseCount = "disease_count"
}

/// One coefficient added to the score.
public struct ScoreTerm: Sendable, Equatable {
    /// Variable name as in the CMS tables, e.g. `F70_74`, `HCC37`, `DIABETES_HF_V28`, `D3`.
    public let name: String
    /// Its kind.
    public let kind: ScoreTermKind
    /// Relative factor in thousandths (the CMS tables publish 3 decimals).
    public let thousandths: Int
    /// Position of `name` in byte order among the model's terms (sorting without comparing strings).
    let rank: Int

    /// Relative factor.
    public var value: Double { Double(thousandths) / 1000 }
}

/// A member's CMS-HCC result with its full explanation.
public struct HCCScore: Sendable, Equatable {
    /// Member identifier.
    public let memberID: String
    /// Model version.
    public let version: CMSHCCVersion
    /// Payment year of the tables.
    public let paymentYear: Int
    /// Segment whose coefficients were used.
    public let segment: Segment
    /// Payment HCCs after edits and hierarchies, in numeric order, each with its codes.
    public let hccs: [HCCFinding]
    /// HCCs produced by the codes but removed by a hierarchy or the V28 HCC223 patch, in numeric order.
    public let dropped: [DroppedHCC]
    /// Edits that fired, in code order.
    public let edits: [AppliedEdit]
    /// Every non-zero coefficient added, sorted by name (byte order).
    public let terms: [ScoreTerm]

    /// Raw risk score in thousandths: the exact sum of `terms`.
    public var rawScoreThousandths: Int { terms.reduce(0) { $0 + $1.thousandths } }

    /// Raw risk score (no normalization, no coding-intensity adjustment, no frailty).
    public var rawScore: Double { Double(rawScoreThousandths) / 1000 }

    /// Payment risk score `round(raw × (1 − codingIntensity) / normalization, 3)`, the formula of the oracle
    /// kit (../shared/tools/oracles/README.md); frailty is not modelled. Factors: `CMSHCCModel`.
    public func paymentScore(normalizationFactor: Double, codingIntensityAdjustment: Double) -> Double {
        HCCScore.paymentScore(rawScoreThousandths: rawScoreThousandths, normalizationFactor: normalizationFactor,
                              codingIntensityAdjustment: codingIntensityAdjustment)
    }

    static func paymentScore(rawScoreThousandths: Int, normalizationFactor: Double, codingIntensityAdjustment: Double)
        -> Double {
        let raw = Double(rawScoreThousandths) / 1000
        return (raw * (1 - codingIntensityAdjustment) / normalizationFactor * 1000).rounded() / 1000
    }
}
