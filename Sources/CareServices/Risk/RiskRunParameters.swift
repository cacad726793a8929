import Foundation
import RiskModels

/// The choices behind one risk run, stored with it (`risk_runs.parameters`, JSON) so that its tiers and
/// numbers can be read back and reproduced.
public struct RiskRunParameters: Sendable, Equatable {
    /// CMS-HCC model and payment year (supported: V28 2026, V24 2025).
    public var model: CMSHCCVersion
    public var paymentYear: Int
    /// Tier "high": this percentage of the population with the highest scores.
    public var highPercent: Double
    /// Tier "moderate" (the rising/moderate band): the next percentage after the high tier.
    public var moderatePercent: Double
    /// "Rising risk": a score up by at least this much since the previous run.
    public var risingDelta: Double
    /// Last day of the utilization look-back window.
    public var asOf: CalendarDay
    /// Length of the utilization look-back window in days (ED visits, admissions, readmissions, cost).
    public var lookbackDays: Int
    /// Scoring threads.
    public var jobs: Int

    /// The issue's defaults: V28 2026, top 5% high, next 15% moderate, rising by 0.5, a 365-day window.
    public init(model: CMSHCCVersion = .v28, paymentYear: Int = 2026, highPercent: Double = 5, moderatePercent: Double = 15,
                risingDelta: Double = 0.5, asOf: CalendarDay, lookbackDays: Int = 365, jobs: Int = 2) {
        self.model = model
        self.paymentYear = paymentYear
        self.highPercent = highPercent
        self.moderatePercent = moderatePercent
        self.risingDelta = risingDelta
        self.asOf = asOf
        self.lookbackDays = lookbackDays
        self.jobs = jobs
    }

    /// The defaults with the window ending on `asOf` (YYYY-MM-DD); nil when that is not a date.
    public static func standard(asOf iso: String) -> RiskRunParameters? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let day = CalendarDay(year: parts[0], month: parts[1], day: parts[2]) else { return nil }
        return RiskRunParameters(asOf: day)
    }

    /// The utilization window.
    public var window: UtilizationWindow { UtilizationWindow(endingOn: asOf, days: lookbackDays) }

    /// Why these parameters cannot be used, or nil.
    public var problem: String? {
        if CMSHCCModel.model(model, paymentYear: paymentYear) == nil { return "no tables for \(model.rawValue) payment year \(paymentYear) (use V28 2026 or V24 2025)" }
        if !(0...100).contains(highPercent) || !(0...100).contains(moderatePercent) || highPercent + moderatePercent > 100 {
            return "tier percentages must be from 0 to 100 and add up to at most 100"
        }
        if !(risingDelta > 0) || !risingDelta.isFinite { return "the rising delta must be a positive number" }
        if !(1...3660).contains(lookbackDays) { return "the look-back must be from 1 to 3660 days" }
        if !(1...64).contains(jobs) { return "jobs must be from 1 to 64" }
        return nil
    }

    /// Compact JSON, keys in a fixed order.
    public var json: String {
        func number(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
        return #"{"model":"\#(model.rawValue)","payment_year":\#(paymentYear),"high_percent":\#(number(highPercent)),"#
            + #""moderate_percent":\#(number(moderatePercent)),"rising_delta":\#(number(risingDelta)),"#
            + #""as_of":"\#(asOf)","lookback_days":\#(lookbackDays),"tie_break":"score desc, patient row id asc"}"#
    }

    /// How many of `population` patients are high, and how many moderate: the percentages rounded to the
    /// nearest whole patient (halves up), so 5% of 10 patients is 1 and of 9 is 0.
    public func tierSizes(population: Int) -> (high: Int, moderate: Int) {
        let high = Int((Double(population) * highPercent / 100).rounded(.toNearestOrAwayFromZero))
        let upper = Int((Double(population) * (highPercent + moderatePercent) / 100).rounded(.toNearestOrAwayFromZero))
        return (min(high, population), max(0, min(upper, population) - high))
    }
}
