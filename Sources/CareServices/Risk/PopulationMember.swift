import RiskModels

/// What the population risk run knows of one patient: demographics as the CMS-HCC model needs them
/// (and where each came from), ICD-10-CM diagnoses, encounters and claims, and the previous run's score.
struct PopulationMember: Sendable {
    /// `patients.id`.
    var rowID: Int64 = 0
    /// Age in whole years as of February 1 of the payment year.
    var age = 0
    /// True when the age is the payer's (the member-age extension of an imported member), false when
    /// computed from the registry birth date.
    var ageFromPayer = false
    var sex = RiskModels.Sex.female
    /// False when the registry has neither female nor male (the female cell is then used, and said so).
    var sexRecorded = true
    var segment = Segment.communityNonDualAged
    var originalReason = OriginalReasonForEntitlement.oldAge
    var medicaid = false
    /// The segment code of the member's Coverage, if any (also when Tend does not model it, e.g. `NE`).
    var coverageSegment: String?
    /// ICD-10-CM codes of the patient's conditions (entered-in-error excluded), as recorded.
    var diagnoses: [ICD10Code] = []
    /// Conditions coded in another system (SNOMED CT in Synthea), which Tend does not map to HCCs.
    var otherCodedConditions = 0
    /// ICD-10 conditions whose code cannot be an ICD-10 code (ignored).
    var unreadableCodes = 0
    var encounters: [Encounter] = []
    var claims: [Claim] = []
    /// The previous run's score in thousandths, when the patient was in it.
    var previousThousandths: Int?

    /// A copy whose arrays hold just their elements, for a batch: the reader's own member keeps its
    /// large reserved capacity (and, its buffers staying unique, reuses them for the next patient).
    func compactCopy() -> PopulationMember {
        var copy = self
        copy.diagnoses = Self.compact(diagnoses)
        copy.encounters = Self.compact(encounters)
        copy.claims = Self.compact(claims)
        return copy
    }

    /// A new buffer of just `elements.count` (`Array(array[...])` would share the old one).
    private static func compact<T>(_ elements: [T]) -> [T] {
        guard !elements.isEmpty else { return [] }
        var copy: [T] = []
        copy.reserveCapacity(elements.count)
        copy.append(contentsOf: elements)
        return copy
    }

    /// Clears the per-patient facts, keeping array capacity.
    mutating func reset(rowID: Int64) {
        self.rowID = rowID
        age = 0
        ageFromPayer = false
        sex = .female
        sexRecorded = true
        segment = .communityNonDualAged
        originalReason = .oldAge
        medicaid = false
        coverageSegment = nil
        diagnoses.removeAll(keepingCapacity: true)
        otherCodedConditions = 0
        unreadableCodes = 0
        encounters.removeAll(keepingCapacity: true)
        claims.removeAll(keepingCapacity: true)
        previousThousandths = nil
    }
}
