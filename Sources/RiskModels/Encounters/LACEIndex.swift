/// The LACE index for one inpatient discharge: risk of death or unplanned readmission within 30 days.
///
/// Source: van Walraven C, Dhalla IA, Bell C, et al. "Derivation and validation of an index to predict early
/// death or unplanned readmission after discharge from hospital to the community." CMAJ 2010;182(6):551-7,
/// Table 3 (points): L length of stay, A acute admission, C Charlson comorbidity index, E ED visits in the
/// 6 months before admission. Total 0-19.
public struct LACEIndex: Sendable, Equatable {
    /// Discharge scored.
    public let stayID: String
    /// Length of stay in days (discharge day − admission day).
    public let lengthOfStayDays: Int
    /// L points: <1 day 0, 1 → 1, 2 → 2, 3 → 3, 4-6 → 4, 7-13 → 5, ≥14 → 7.
    public let lengthOfStayPoints: Int
    /// A points: 3 for an acute (emergent) admission, else 0.
    public let acuityPoints: Int
    /// Charlson index used for C (Quan 2005 codes, Charlson 1987 weights).
    public let charlsonScore: Int
    /// C points: 0 → 0, 1 → 1, 2 → 2, 3 → 3, ≥4 → 5.
    public let comorbidityPoints: Int
    /// ED visits counted for E, by encounter id.
    public let emergencyVisitIDs: [String]
    /// E points: visits 0-3 score their count, ≥4 score 4.
    public let emergencyPoints: Int

    /// L + A + C + E.
    public var score: Int { lengthOfStayPoints + acuityPoints + comorbidityPoints + emergencyPoints }

    /// L points for a length of stay (van Walraven 2010, Table 3).
    public static func lengthOfStayPoints(days: Int) -> Int {
        switch days {
        case ..<1: 0
        case 1: 1
        case 2: 2
        case 3: 3
        case 4...6: 4
        case 7...13: 5
        default: 7
        }
    }

    /// C points for a Charlson score (van Walraven 2010, Table 3).
    public static func comorbidityPoints(charlson: Int) -> Int { charlson >= 4 ? 5 : max(0, charlson) }

    /// E points for the ED visits of the prior 6 months (van Walraven 2010, Table 3).
    public static func emergencyPoints(visits: Int) -> Int { min(max(0, visits), 4) }

    /// Scores `stay` (an inpatient encounter) against the member's other encounters.
    ///
    /// - Parameters:
    ///   - diagnoses: codes for the Charlson index; by default the stay's own. Pass the member's codes of the
    ///     prior year to follow the paper's look-back.
    ///   - encounters: the member's encounters; ED visits starting in the 6 calendar months before the
    ///     admission day count (the visit on the admission day is the one that led to this admission and is
    ///     not counted).
    public init(stay: Encounter, diagnoses: [ICD10Code]? = nil, encounters: [Encounter],
                charlson: CharlsonIndex = .quan2005) {
        stayID = stay.id
        lengthOfStayDays = stay.start.days(until: stay.end)
        lengthOfStayPoints = LACEIndex.lengthOfStayPoints(days: lengthOfStayDays)
        acuityPoints = stay.acuteAdmission ? 3 : 0
        charlsonScore = charlson.charlson1987Score(diagnoses ?? stay.diagnoses)
        comorbidityPoints = LACEIndex.comorbidityPoints(charlson: charlsonScore)
        let windowStart = stay.start.adding(months: -6)
        emergencyVisitIDs = encounters
            .filter { $0.setting == .emergency && $0.start >= windowStart && $0.start < stay.start }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
            .map(\.id)
        emergencyPoints = LACEIndex.emergencyPoints(visits: emergencyVisitIDs.count)
    }

    /// LACE for every inpatient discharge among `encounters`, in admission order.
    public static func forEachDischarge(in encounters: [Encounter], charlson: CharlsonIndex = .quan2005) -> [LACEIndex] {
        encounters.filter { $0.setting == .inpatient }
            .sorted { ($0.start, $0.id) < ($1.start, $1.id) }
            .map { LACEIndex(stay: $0, encounters: encounters, charlson: charlson) }
    }
}
