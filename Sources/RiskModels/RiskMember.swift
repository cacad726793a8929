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

/// One parsed input line in reusable storage, for the scoring fast paths (`CMSHCCModel.summary(of:)`,
/// `ComorbiditySummary`): the same facts as `RiskMember`, with the id kept as UTF-8 bytes so that parsing
/// and writing a line allocate nothing once the buffers have grown.
public struct MemberRecord: Sendable {
    /// The id's text as UTF-8 (JSON escapes decoded).
    public internal(set) var idBytes: [UInt8] = []
    /// Age in whole years as of February 1 of the payment year.
    public internal(set) var age = 0
    /// Sex.
    public internal(set) var sex = Sex.female
    /// Segment.
    public internal(set) var segment = Segment.communityNonDualAged
    /// Original reason for entitlement.
    public internal(set) var originalReason = OriginalReasonForEntitlement.oldAge
    /// Medicaid.
    public internal(set) var medicaid = false
    /// Diagnosis codes in input order (invalid codes left out); duplicates are harmless.
    public internal(set) var diagnoses: [ICD10Code] = []

    /// An empty record for `MemberLineParser.parse(_:into:)` to fill.
    public init() {
        idBytes.reserveCapacity(32)
        diagnoses.reserveCapacity(32)
    }

    /// The member identifier.
    public var id: String { String(decoding: idBytes, as: UTF8.self) }

    /// The record as a member value.
    public var member: RiskMember {
        RiskMember(id: id, age: age, sex: sex, segment: segment, originalReason: originalReason, medicaid: medicaid,
                   diagnoses: diagnoses)
    }
}

extension Sex {
    /// From the input's one-letter code.
    init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "F"): self = .female
        case UInt8(ascii: "M"): self = .male
        default: return nil
        }
    }
}

extension OriginalReasonForEntitlement {
    /// From the input's one-digit code.
    init?(byte: UInt8) {
        switch byte {
        case UInt8(ascii: "0"): self = .oldAge
        case UInt8(ascii: "1"): self = .disability
        case UInt8(ascii: "2"): self = .endStageRenalDisease
        case UInt8(ascii: "3"): self = .disabilityAndEndStageRenalDisease
        default: return nil
        }
    }
}

extension Segment {
    /// From the input's three-letter code.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 3 else { return nil }
        switch (bytes[0], bytes[1], bytes[2]) {
        case (UInt8(ascii: "C"), UInt8(ascii: "N"), UInt8(ascii: "A")): self = .communityNonDualAged
        case (UInt8(ascii: "C"), UInt8(ascii: "N"), UInt8(ascii: "D")): self = .communityNonDualDisabled
        case (UInt8(ascii: "C"), UInt8(ascii: "F"), UInt8(ascii: "A")): self = .communityFullDualAged
        case (UInt8(ascii: "C"), UInt8(ascii: "F"), UInt8(ascii: "D")): self = .communityFullDualDisabled
        case (UInt8(ascii: "C"), UInt8(ascii: "P"), UInt8(ascii: "A")): self = .communityPartialDualAged
        case (UInt8(ascii: "C"), UInt8(ascii: "P"), UInt8(ascii: "D")): self = .communityPartialDualDisabled
        case (UInt8(ascii: "I"), UInt8(ascii: "N"), UInt8(ascii: "S")): self = .institutional
        default: return nil
        }
    }
}
