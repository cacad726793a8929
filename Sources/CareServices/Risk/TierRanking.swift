import Storage

/// A risk run's tiers without a second pass over the stored rows: 8 bytes per scored patient (8 MB for
/// 1M), not the rows themselves.
///
/// Each score is packed with its patient row into one `UInt64` that sorts in tier order (score
/// descending, then older registry row first), plus the tier the row was *written* with. That written
/// tier is a prediction from the cut-offs of the scores seen so far (re-estimated while the first
/// 64k rows arrive, then fixed: the population is read in FHIR id order, which is unrelated to the
/// score). When all rows are in, one sort gives the exact tiers and cut-offs, and only the rows whose
/// prediction was wrong (the estimate's error and ties at a cut-off: a few hundred in 1M) are updated.
/// Rewriting a fifth of the table afterwards (the previous `UPDATE … WHERE rowid IN (…)`) cost a full
/// pass over its pages in the WAL.
struct TierRanking {
    enum Tier: UInt64, CaseIterable {
        case high = 0, moderate = 1, low = 2

        var name: String {
            switch self {
            case .high: "high"
            case .moderate: "moderate"
            case .low: "low"
            }
        }
    }

    /// The exact tiers once every score is in.
    struct Outcome {
        var high = 0
        var moderate = 0
        /// Lowest score of the high and of the moderate tier (nil when the tier is empty).
        var highCutoff: Double?
        var moderateCutoff: Double?
        /// Patient rows written with another tier than their final one, by final tier.
        var corrections: [(tier: Tier, patientRowIDs: [Int64])] = []
    }

    // Layout of a key, most significant first: 24 bits of (scoreBias - 1 - thousandths), so a higher
    // score sorts first; 38 bits of patient row id; 2 bits of the tier the row was written with.
    private static let rowBits: UInt64 = 38
    private static let scoreBias = 1 << 23
    private static let estimateUntil = 65_536

    let parameters: RiskRunParameters
    private(set) var keys: [UInt64] = []
    /// The current estimate of the last key of the high and of the moderate tier (nil: tier empty).
    private var highEdge: UInt64?
    private var moderateEdge: UInt64?
    private var nextEstimate = 1_024

    init(parameters: RiskRunParameters) { self.parameters = parameters }

    var count: Int { keys.count }

    /// Records one score; returns the tier to write it with.
    mutating func add(thousandths: Int, patientRowID: Int64) throws -> Tier {
        guard thousandths > -Self.scoreBias, thousandths < Self.scoreBias, patientRowID >= 0, patientRowID < 1 << Self.rowBits else {
            throw ServiceError.forbidden("risk score \(thousandths) or patient row \(patientRowID) is outside what a risk run can rank")
        }
        let order = (UInt64(Self.scoreBias - 1 - thousandths) << Self.rowBits | UInt64(patientRowID)) << 2
        let tier: Tier = highEdge.map { order <= $0 } == true ? .high : moderateEdge.map { order <= $0 } == true ? .moderate : .low
        keys.append(order | tier.rawValue)
        if keys.count == nextEstimate && nextEstimate <= Self.estimateUntil {
            estimate()
            nextEstimate *= 2
        }
        return tier
    }

    /// Cut-offs of the scores so far, as the tier sizes of this many patients.
    private mutating func estimate() {
        let sorted = keys.sorted()
        let sizes = parameters.tierSizes(population: sorted.count)
        highEdge = sizes.high > 0 ? sorted[sizes.high - 1] | 3 : nil
        moderateEdge = sizes.moderate > 0 ? sorted[sizes.high + sizes.moderate - 1] | 3 : highEdge
    }

    /// The exact tiers (high: the `high` best by score desc, patient row asc; then moderate), the
    /// cut-off scores and the rows to correct. Consumes the keys.
    mutating func finish() -> Outcome {
        keys.sort()
        let sizes = parameters.tierSizes(population: keys.count)
        var outcome = Outcome(high: sizes.high, moderate: sizes.moderate)
        if sizes.high > 0 { outcome.highCutoff = Self.score(keys[sizes.high - 1]) }
        if sizes.moderate > 0 { outcome.moderateCutoff = Self.score(keys[sizes.high + sizes.moderate - 1]) }
        var wrong: [Tier: [Int64]] = [:]
        for (index, key) in keys.enumerated() {
            let tier: Tier = index < sizes.high ? .high : index < sizes.high + sizes.moderate ? .moderate : .low
            if key & 3 != tier.rawValue { wrong[tier, default: []].append(Int64((key >> 2) & ((1 << Self.rowBits) - 1))) }
        }
        keys = []
        outcome.corrections = Tier.allCases.compactMap { tier in wrong[tier].map { (tier, $0) } }
        return outcome
    }

    private static func score(_ key: UInt64) -> Double {
        Double(scoreBias - 1 - Int(key >> (rowBits + 2))) / 1000
    }
}
