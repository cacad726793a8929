import FHIR
import Foundation
import XCTest

final class FHIRDateTimeTests: XCTestCase {
    func testAcceptsEveryPrecisionOfTheR4Grammar() throws {
        XCTAssertEqual(FHIRDateTime("2024")?.precision, .year)
        XCTAssertEqual(FHIRDateTime("2024-02")?.precision, .month)
        XCTAssertEqual(FHIRDateTime("2024-02-29")?.precision, .day)
        XCTAssertEqual(FHIRDateTime("2024-02-29T23:59:60Z")?.precision, .time)
        XCTAssertEqual(FHIRDateTime("2011-04-19T09:21:52.137+00:00")?.text, "2011-04-19T09:21:52.137+00:00")
        XCTAssertNotNil(FHIRDateTime("2020-01-01T00:00:00+14:00"))
        XCTAssertNotNil(FHIRDateTime("2020-01-01T00:00:00-13:59"))
    }

    func testRejectsTextOutsideTheGrammar() {
        for text in ["", "0000", "24", "2024-1", "2024-13", "2024-00", "2023-02-29", "2024-04-31", "2024-02-30",
                     "2024-01-01T10:00", "2024-01-01T10:00:00", "2024-01-01T24:00:00Z", "2024-01-01T10:60:00Z",
                     "2024-01-01T10:00:61Z", "2024-01-01T10:00:00.Z", "2024-01-01T10:00:00+14:01", "2024-01-01T10:00:00+5:00",
                     "2024-01-01 10:00:00Z", "2024-01-01T10:00:00Zx", "2024-01-01Z", "１９７０"] {
            XCTAssertNil(FHIRDateTime(text), text)
        }
        XCTAssertNil(FHIRDateTime(date: "2024-01-01T10:00:00Z"), "a date has no time")
        XCTAssertEqual(FHIRDateTime(date: "1900-02-28")?.precision, .day)
        XCTAssertNil(FHIRDateTime(date: "1900-02-29"), "1900 is not a leap year")
        XCTAssertNotNil(FHIRDateTime(date: "2000-02-29"), "2000 is")
    }

    func testSortableInstantIsUTC() throws {
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("1970-01-01T00:00:00Z")).secondsSince1970, 0)
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("1970-01-01T01:00:00+01:00")).secondsSince1970, 0)
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("1969-12-31T19:00:00-05:00")).secondsSince1970, 0)
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("2001-01-01T00:00:00Z")).sortableUTC, Date(timeIntervalSinceReferenceDate: 0))
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("2000-03-01")).secondsSince1970, 951_868_800)
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("1949-08-02")).secondsSince1970, -644_284_800, "date -u -d 1949-08-02 +%s")
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("2024")).secondsSince1970, try XCTUnwrap(FHIRDateTime("2024-01-01T00:00:00Z")).secondsSince1970)
        XCTAssertEqual(try XCTUnwrap(FHIRDateTime("2011-04-19T09:21:52.137+00:00")).secondsSince1970, 1_303_204_912.137, accuracy: 0.0001)
    }

    func testAgreesWithFoundationOnSyntheaStyleTimestamps() throws {
        let formatter = ISO8601DateFormatter()
        for text in ["1950-12-25T09:21:52+00:00", "1949-02-22T04:21:52-05:00", "2019-05-31T23:59:59+13:00", "1600-02-29T12:00:00Z"] {
            XCTAssertEqual(try XCTUnwrap(FHIRDateTime(text)).sortableUTC, try XCTUnwrap(formatter.date(from: text)), text)
        }
    }
}
