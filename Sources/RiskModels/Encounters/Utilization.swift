/// Utilization over a look-back window: ED visits, inpatient admissions, 30-day readmissions, total cost.
///
/// Rules (each tested in UtilizationTests):
/// - The window is the `days` calendar days ending on `asOf`, both ends included.
/// - An ED visit or an admission counts when it starts inside the window; a claim's cost counts when its
///   first day of service is inside the window.
/// - A readmission is an admission inside the window that starts 1 to 30 days after the discharge of an
///   earlier stay (day 30 in, day 31 out; CMS Hospital Readmissions Reduction Program and HEDIS PCR use the
///   same 30-day span). An admission on the discharge day itself is a transfer, not a readmission.
public struct UtilizationWindow: Sendable, Equatable {
    /// First day inside the window.
    public let first: CalendarDay
    /// Last day inside the window.
    public let last: CalendarDay

    /// The `days` days ending on `asOf` (e.g. 365 for a 12-month look-back).
    public init(endingOn asOf: CalendarDay, days: Int) {
        precondition(days >= 1, "a look-back window has at least one day")
        last = asOf
        first = asOf.adding(days: -(days - 1))
    }

    /// Whether `day` is inside.
    public func contains(_ day: CalendarDay) -> Bool { first <= day && day <= last }
}

/// A readmission and the stay it follows.
public struct Readmission: Sendable, Equatable {
    /// The later admission.
    public let admissionID: String
    /// The earlier stay.
    public let previousStayID: String
    /// Days from the earlier discharge to the readmission (1...30).
    public let daysAfterDischarge: Int
}

/// Counts with the encounters and claims behind each.
public struct UtilizationSummary: Sendable, Equatable {
    /// The window.
    public let window: UtilizationWindow
    /// ED visits that started in the window.
    public let emergencyVisitIDs: [String]
    /// Inpatient admissions that started in the window.
    public let admissionIDs: [String]
    /// Admissions in the window within 30 days of an earlier discharge.
    public let readmissions: [Readmission]
    /// Claims whose service started in the window.
    public let claimIDs: [String]
    /// Their paid total, in cents.
    public let totalCostCents: Int

    /// ED visit count.
    public var emergencyVisits: Int { emergencyVisitIDs.count }
    /// Inpatient admission count.
    public var admissions: Int { admissionIDs.count }

    /// Summarizes one member's encounters and claims over `window`.
    public init(encounters: [Encounter], claims: [Claim], window: UtilizationWindow) {
        self.window = window
        let sorted = encounters.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        emergencyVisitIDs = sorted.filter { $0.setting == .emergency && window.contains($0.start) }.map(\.id)
        let stays = sorted.filter { $0.setting == .inpatient }
        admissionIDs = stays.filter { window.contains($0.start) }.map(\.id)
        var readmissions: [Readmission] = []
        for stay in stays where window.contains(stay.start) {
            // The most recent discharge before this admission.
            let previous = stays.filter { $0.id != stay.id && $0.end <= stay.start && $0.start < stay.start }
                .max { ($0.end, $0.id) < ($1.end, $1.id) }
            if let previous {
                let gap = previous.end.days(until: stay.start)
                if (1...UtilizationSummary.readmissionDays).contains(gap) {
                    readmissions.append(Readmission(admissionID: stay.id, previousStayID: previous.id, daysAfterDischarge: gap))
                }
            }
        }
        self.readmissions = readmissions
        let counted = claims.filter { window.contains($0.serviceDay) }
        claimIDs = counted.map(\.id)
        totalCostCents = counted.reduce(0) { $0 + $1.paidCents }
    }

    /// Readmission span in days.
    public static let readmissionDays = 30
}
