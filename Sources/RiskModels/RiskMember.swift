/// Sex as the CMS-HCC demographic cells use it.
public enum Sex: String, Sendable, CaseIterable {
    case female = "F"
    case male = "M"
}

/// CMS-HCC segment (the score's coefficient column): Community Non-dual / Full-dual / Partial-dual ×
/// Aged / Disabled, and Institutional. New-enrollee segments are not modelled.
public enum Segment: String, Sendable, CaseIterable {
    case communityNonDualAged = "CNA"
    case communityNonDualDisabled = "CND"
    case communityFullDualAged = "CFA"
    case communityFullDualDisabled = "CFD"
    case communityPartialDualAged = "CPA"
    case communityPartialDualDisabled = "CPD"
    case institutional = "INS"

    /// Position in `allCases`, used to index per-segment coefficient arrays.
    var index: Int {
        switch self {
        case .communityNonDualAged: 0
        case .communityNonDualDisabled: 1
        case .communityFullDualAged: 2
        case .communityFullDualDisabled: 3
        case .communityPartialDualAged: 4
        case .communityPartialDualDisabled: 5
        case .institutional: 6
        }
    }
}

/// Original reason for Medicare entitlement (OREC): 0 old age, 1 disability, 2 ESRD, 3 disability and ESRD.
public enum OriginalReasonForEntitlement: String, Sendable, CaseIterable {
    case oldAge = "0"
    case disability = "1"
    case endStageRenalDisease = "2"
    case disabilityAndEndStageRenalDisease = "3"
}

/// One Medicare member as the risk models see them: demographics as of February 1 of the payment year
/// and the diagnoses of the data-collection year.
public struct RiskMember: Sendable, Equatable {
    /// Caller's identifier, echoed in every result.
    public var id: String
    /// Age in whole years as of February 1 of the payment year.
    public var age: Int
    /// Sex.
    public var sex: Sex
    /// Segment whose coefficients are used; the models score the segment given, they do not derive it.
    public var segment: Segment
    /// Original reason for entitlement.
    public var originalReason: OriginalReasonForEntitlement
    /// Medicaid; for the institutional segment it switches the `LTIMCAID` term on.
    public var medicaid: Bool
    /// Diagnosis codes; duplicates are harmless.
    public var diagnoses: [ICD10Code]

    /// Creates a member.
    public init(id: String, age: Int, sex: Sex, segment: Segment, originalReason: OriginalReasonForEntitlement,
                medicaid: Bool, diagnoses: [ICD10Code]) {
        self.id = id
        self.age = age
        self.sex = sex
        self.segment = segment
        self.originalReason = originalReason
        self.medicaid = medicaid
        self.diagnoses = diagnoses
    }
}
