import XCTest
@testable import CareCore

final class PatientDraftTests: XCTestCase {
    let today = LocalDate(year: 2026, month: 11, day: 30)!

    func draft(_ change: (inout PatientDraft) -> Void = { _ in }) -> PatientDraft {
        var d = PatientDraft()
        d.givenName = "Ada"
        d.familyName = "Lovelace"
        d.birthDate = "1950-12-10"
        d.sex = "female"
        change(&d)
        return d
    }

    func failure(_ d: PatientDraft) -> ValidationFailure? {
        if case .failure(let f) = d.validated(today: today) { return f }
        return nil
    }

    func testMinimalPatientIsValid() throws {
        let details = try draft().validated(today: today).get()
        XCTAssertEqual(details.givenName, "Ada")
        XCTAssertEqual(details.birthDate, LocalDate(year: 1950, month: 12, day: 10))
        XCTAssertEqual(details.sex, .female)
        XCTAssertEqual(details.preferredLanguage, "English")
    }

    func testMissingRequiredFieldsAreEachNamed() {
        let f = failure(PatientDraft())
        XCTAssertEqual(f?.errors.map(\.field), ["givenName", "familyName", "birthDate", "sex"])
        XCTAssertEqual(f?.message(for: "sex"), "is required")
    }

    func testBirthDateBoundaries() {
        XCTAssertNil(failure(draft { $0.birthDate = "2026-11-30" }), "today is a valid birth date")
        XCTAssertEqual(failure(draft { $0.birthDate = "2026-12-01" })?.message(for: "birthDate"), "cannot be in the future")
        XCTAssertEqual(failure(draft { $0.birthDate = "1899-12-31" })?.message(for: "birthDate"), "must be in 1900 or later")
        XCTAssertNil(failure(draft { $0.birthDate = "1900-01-01" }))
        XCTAssertEqual(failure(draft { $0.birthDate = "1950-02-30" })?.message(for: "birthDate"), "must be a date written YYYY-MM-DD")
        XCTAssertEqual(failure(draft { $0.birthDate = "10/12/1950" })?.errors.first?.field, "birthDate")
        XCTAssertNil(failure(draft { $0.birthDate = "2000-02-29" }), "leap day of a leap century")
        XCTAssertNotNil(failure(draft { $0.birthDate = "1900-02-29" }), "1900 was not a leap year")
    }

    func testSexMustBeAFHIRGender() {
        XCTAssertEqual(failure(draft { $0.sex = "f" })?.message(for: "sex"), "must be one of female, male, other, unknown")
        XCTAssertNil(failure(draft { $0.sex = "Unknown" }))
    }

    func testNamesRejectControlCharactersAndOverlongText() {
        XCTAssertEqual(failure(draft { $0.givenName = "A\u{0}da" })?.message(for: "givenName"), "contains a control character")
        XCTAssertEqual(failure(draft { $0.familyName = String(repeating: "x", count: 101) })?.message(for: "familyName"), "must be at most 100 characters")
        XCTAssertNil(failure(draft { $0.familyName = String(repeating: "x", count: 100) }))
        XCTAssertNil(failure(draft { $0.priorities = "Walk to church\nSee my grandson" }), "line breaks are fine in long text")
    }

    func testPhoneAndEmail() {
        XCTAssertNil(failure(draft { $0.phone = "+1 (617) 555-0100" }))
        XCTAssertEqual(failure(draft { $0.phone = "555-01" })?.message(for: "phone"), "must be a phone number of 7 to 15 digits")
        XCTAssertNotNil(failure(draft { $0.phone = "call me" }))
        XCTAssertNil(failure(draft { $0.email = "ada@example.org" }))
        XCTAssertNotNil(failure(draft { $0.email = "ada@example" }))
        XCTAssertNotNil(failure(draft { $0.email = "a da@example.org" }))
    }

    func testIdentifiersAreCheckedAndDeduplicated() {
        XCTAssertEqual(failure(draft { $0.identifiers = [("passport", "X1")] })?.errors.first?.field, "identifiers[0].system")
        XCTAssertEqual(failure(draft { $0.identifiers = [("mrn", "  ")] })?.message(for: "identifiers[0].value"), "is required")
        XCTAssertEqual(failure(draft { $0.identifiers = [("mrn", "A1"), ("mrn", "A1")] })?.message(for: "identifiers[1].value"), "is listed twice")
        let ok = try? draft { $0.identifiers = [("MRN", " A1 "), ("member_id", "A1")] }.validated(today: today).get()
        XCTAssertEqual(ok?.identifiers, [PatientIdentifier(system: .mrn, value: "A1"), PatientIdentifier(system: .memberID, value: "A1")])
    }

    func testEditingRoundTripsThroughADraft() throws {
        let details = try draft {
            $0.identifiers = [("mrn", "M-1")]
            $0.supportPeople = [SupportPerson(name: "Byron", relationship: "son", phone: "617 555 0101", isCaregiver: true)]
            $0.preferredContact = "text"
        }.validated(today: today).get()
        XCTAssertEqual(try PatientDraft(details).validated(today: today).get(), details)
    }
}

final class LocalDateTests: XCTestCase {
    func testParsingIsStrict() {
        XCTAssertEqual(LocalDate(iso: "1950-12-10")?.description, "1950-12-10")
        for bad in ["1950-12-1", "1950-13-01", "1950-00-10", "19501210", "1950-12-10T00:00", "abcd-ef-gh", "", "1950-04-31"] {
            XCTAssertNil(LocalDate(iso: bad), bad)
        }
    }

    func testAgeCountsWholeYears() {
        let birth = LocalDate(year: 1950, month: 12, day: 10)!
        XCTAssertEqual(birth.years(until: LocalDate(year: 2026, month: 12, day: 9)!), 75)
        XCTAssertEqual(birth.years(until: LocalDate(year: 2026, month: 12, day: 10)!), 76)
    }
}
