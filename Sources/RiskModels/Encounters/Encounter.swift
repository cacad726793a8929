/// Where care was given, as far as utilization and LACE need to know.
public enum EncounterSetting: String, Sendable, CaseIterable {
    /// Emergency department visit (not followed by admission on the same record).
    case emergency
    /// Inpatient stay, from admission to discharge.
    case inpatient
    /// Any other setting (office, telehealth, home, ...).
    case other
}

/// One encounter of a member, from the EHR or from claims.
public struct Encounter: Sendable, Equatable {
    /// Caller's identifier, echoed in explanations.
    public var id: String
    /// Setting.
    public var setting: EncounterSetting
    /// Start (admission for inpatient stays).
    public var start: CalendarDay
    /// End (discharge for inpatient stays); equal to `start` for a visit.
    public var end: CalendarDay
    /// Inpatient only: admitted urgently or emergently (LACE "A").
    public var acuteAdmission: Bool
    /// Diagnoses recorded on the encounter.
    public var diagnoses: [ICD10Code]

    /// Creates an encounter; `end` defaults to `start`.
    public init(id: String, setting: EncounterSetting, start: CalendarDay, end: CalendarDay? = nil,
                acuteAdmission: Bool = false, diagnoses: [ICD10Code] = []) {
        self.id = id
        self.setting = setting
        self.start = start
        self.end = end ?? start
        self.acuteAdmission = acuteAdmission
        self.diagnoses = diagnoses
    }
}

/// A paid claim line: the cost side of utilization.
public struct Claim: Sendable, Equatable {
    /// Caller's identifier.
    public var id: String
    /// First day of service.
    public var serviceDay: CalendarDay
    /// Amount paid, in cents (integers, so totals are exact).
    public var paidCents: Int

    /// Creates a claim.
    public init(id: String, serviceDay: CalendarDay, paidCents: Int) {
        self.id = id
        self.serviceDay = serviceDay
        self.paidCents = paidCents
    }
}
