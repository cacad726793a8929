import XCTest
@testable import RiskModels

/// LACE points of van Walraven et al., CMAJ 2010;182(6):551-7, Table 3, at every boundary.
final class LACEIndexTests: XCTestCase {
    func testLengthOfStayPointsAtEachBoundary() {
        let expected = [0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 6: 4, 7: 5, 13: 5, 14: 7, 60: 7]
        for (days, points) in expected {
            XCTAssertEqual(LACEIndex.lengthOfStayPoints(days: days), points, "LOS \(days) days")
        }
    }

    func testCharlsonPointsJumpToFiveAtFour() {
        XCTAssertEqual((0...6).map(LACEIndex.comorbidityPoints(charlson:)), [0, 1, 2, 3, 5, 5, 5])
    }

    func testEmergencyVisitPointsCapAtFour() {
        XCTAssertEqual((0...6).map(LACEIndex.emergencyPoints(visits:)), [0, 1, 2, 3, 4, 4, 4])
    }

    func testWholeIndexForOneDischarge() {
        let admitted = CalendarDay(year: 2026, month: 3, day: 10)!
        let stay = Encounter(id: "s1", setting: .inpatient, start: admitted, end: admitted.adding(days: 5),
                             acuteAdmission: true, diagnoses: [code("I509"), code("E1122")])  // Charlson 1 + 2
        let visits = [
            Encounter(id: "ed-edge", setting: .emergency, start: CalendarDay(year: 2025, month: 9, day: 10)!),   // exactly 6 months: in
            Encounter(id: "ed-old", setting: .emergency, start: CalendarDay(year: 2025, month: 9, day: 9)!),     // a day earlier: out
            Encounter(id: "ed-same-day", setting: .emergency, start: admitted),                                  // led to this stay: out
            Encounter(id: "office", setting: .other, start: admitted.adding(days: -3)),
        ]
        let lace = LACEIndex(stay: stay, encounters: [stay] + visits)
        XCTAssertEqual(lace.lengthOfStayDays, 5)
        XCTAssertEqual(lace.lengthOfStayPoints, 4)
        XCTAssertEqual(lace.acuityPoints, 3)
        XCTAssertEqual(lace.charlsonScore, 3)
        XCTAssertEqual(lace.comorbidityPoints, 3)
        XCTAssertEqual(lace.emergencyVisitIDs, ["ed-edge"])
        XCTAssertEqual(lace.score, 4 + 3 + 3 + 1)
    }

    func testEveryDischargeIsScoredInAdmissionOrder() {
        let day = CalendarDay(year: 2026, month: 1, day: 1)!
        let encounters = [
            Encounter(id: "b", setting: .inpatient, start: day.adding(days: 40), end: day.adding(days: 40)),
            Encounter(id: "a", setting: .inpatient, start: day, end: day.adding(days: 14)),
        ]
        let scores = LACEIndex.forEachDischarge(in: encounters)
        XCTAssertEqual(scores.map(\.stayID), ["a", "b"])
        XCTAssertEqual(scores.map(\.lengthOfStayPoints), [7, 0])
        XCTAssertEqual(scores.map(\.acuityPoints), [0, 0])
    }
}
