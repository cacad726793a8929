import XCTest
@testable import RiskModels

/// Look-back window edges and the 30-day readmission rule.
final class UtilizationTests: XCTestCase {
    let asOf = CalendarDay(year: 2026, month: 6, day: 30)!

    func testWindowIncludesBothEnds() {
        let window = UtilizationWindow(endingOn: asOf, days: 365)
        XCTAssertEqual(window.first, CalendarDay(year: 2025, month: 7, day: 1))
        XCTAssertTrue(window.contains(window.first))
        XCTAssertFalse(window.contains(window.first.adding(days: -1)))
        XCTAssertTrue(window.contains(asOf))
        XCTAssertFalse(window.contains(asOf.adding(days: 1)))
    }

    func testCountsOnlyEventsStartingInsideTheWindow() {
        let window = UtilizationWindow(endingOn: asOf, days: 365)
        let encounters = [
            Encounter(id: "ed-first-day", setting: .emergency, start: window.first),
            Encounter(id: "ed-before", setting: .emergency, start: window.first.adding(days: -1)),
            Encounter(id: "ed-after", setting: .emergency, start: asOf.adding(days: 1)),
            Encounter(id: "ip", setting: .inpatient, start: asOf.adding(days: -10), end: asOf.adding(days: -7)),
            Encounter(id: "office", setting: .other, start: asOf),
        ]
        let claims = [
            Claim(id: "c1", serviceDay: window.first, paidCents: 125_050),
            Claim(id: "c2", serviceDay: asOf, paidCents: 99),
            Claim(id: "c3", serviceDay: asOf.adding(days: 1), paidCents: 1_000_000),
        ]
        let summary = UtilizationSummary(encounters: encounters, claims: claims, window: window)
        XCTAssertEqual(summary.emergencyVisitIDs, ["ed-first-day"])
        XCTAssertEqual(summary.admissionIDs, ["ip"])
        XCTAssertEqual(summary.claimIDs, ["c1", "c2"])
        XCTAssertEqual(summary.totalCostCents, 125_149)
    }

    func testReadmissionOnDay30CountsAndDay31DoesNot() {
        let discharge = CalendarDay(year: 2026, month: 2, day: 1)!
        func stays(gap: Int) -> [Encounter] {
            [Encounter(id: "index", setting: .inpatient, start: discharge.adding(days: -4), end: discharge),
             Encounter(id: "again", setting: .inpatient, start: discharge.adding(days: gap), end: discharge.adding(days: gap + 2))]
        }
        let window = UtilizationWindow(endingOn: asOf, days: 365)
        let day30 = UtilizationSummary(encounters: stays(gap: 30), claims: [], window: window)
        XCTAssertEqual(day30.readmissions, [Readmission(admissionID: "again", previousStayID: "index", daysAfterDischarge: 30)])
        XCTAssertTrue(UtilizationSummary(encounters: stays(gap: 31), claims: [], window: window).readmissions.isEmpty)
        XCTAssertEqual(UtilizationSummary(encounters: stays(gap: 1), claims: [], window: window).readmissions.count, 1)
        XCTAssertTrue(UtilizationSummary(encounters: stays(gap: 0), claims: [], window: window).readmissions.isEmpty,
                      "same-day admission after discharge is a transfer")
        XCTAssertEqual(day30.admissions, 2)
    }

    func testCalendarArithmetic() {
        XCTAssertEqual(CalendarDay(year: 1970, month: 1, day: 1)?.daysSinceEpoch, 0)
        XCTAssertEqual(CalendarDay(year: 2024, month: 8, day: 31)?.adding(months: -6), CalendarDay(year: 2024, month: 2, day: 29))
        XCTAssertEqual(CalendarDay(year: 2026, month: 3, day: 1)?.adding(days: -1).description, "2026-02-28")
        XCTAssertNil(CalendarDay(year: 2026, month: 2, day: 29))
    }
}
