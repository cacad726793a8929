import FHIR
import XCTest

/// The hand-made fixtures in ../shared/data/synthea-r4/malformed (see its README).
final class MalformedBundleTests: XCTestCase {
    private func read(_ name: String) throws -> FHIRBundle {
        try FHIRBundleReader().read(SharedData.bytes(SharedData.malformed.appendingPathComponent(name)))
    }

    private func rejection(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> FHIRError? {
        do {
            let bundle = try read(name)
            XCTFail("\(name) was accepted with \(bundle.resources.count) resources", file: file, line: line)
            return nil
        } catch let error as FHIRError {
            return error
        } catch {
            XCTFail("\(name): not an FHIRError: \(error)", file: file, line: line)
            return nil
        }
    }

    func testControlBundleIsAcceptedWithOnePatientAndOneEncounter() throws {
        let bundle = try read("valid-minimal.json")
        XCTAssertEqual(bundle.countsByType, ["Patient": 1, "Encounter": 1])
        let encounter = try XCTUnwrap(bundle.resources.last)
        XCTAssertEqual(encounter.value["subject"]?["reference"]?.string, "Patient/6f1e1c52-3a0e-4b7e-9a31-0b7c2d1e9a01")
    }

    func testMissingCommaIsASyntaxErrorOnLine4() {
        // The comma is missing at the end of line 3, so the parser meets `"entry"` on line 4.
        guard case let .invalidJSON(issue, position)? = rejection("01-bad-json.json") else { return XCTFail("wrong error") }
        XCTAssertEqual(issue, .unexpectedCharacter(found: UInt8(ascii: "\""), expected: "',' or '}'"))
        XCTAssertEqual(position.line, 4)
        XCTAssertEqual(position.column, 3)
    }

    func testWrongTopLevelResourceTypeIsNotABundle() {
        XCTAssertEqual(rejection("02-wrong-top-level-resourcetype.json"), .notABundle(foundResourceType: "Patient"))
        XCTAssertEqual(rejection("02-wrong-top-level-resourcetype.json")?.description, "not a FHIR Bundle: resourceType is \"Patient\"")
    }

    func testDanglingReferenceNamesTheEntryAndTheReference() {
        guard case let .unresolvedReference(reference, location, type, _, position)? = rejection("03-dangling-urn-uuid-reference.json") else {
            return XCTFail("wrong error")
        }
        XCTAssertTrue(reference.hasPrefix("urn:uuid:deadbeef"), reference)
        XCTAssertEqual(location, .bundleEntry(1))
        XCTAssertEqual(type, "Encounter")
        XCTAssertGreaterThan(position.line, 30)
    }

    func testLatin1ByteIsAnEncodingError() {
        guard case let .invalidJSON(issue, position)? = rejection("04-non-utf8-bytes.json") else { return XCTFail("wrong error") }
        XCTAssertEqual(issue, .invalidUTF8)
        XCTAssertEqual(position.line, 13)
    }

    func testTruncatedFileIsUnexpectedEndOfInput() {
        guard case let .invalidJSON(issue, _)? = rejection("05-truncated.json") else { return XCTFail("wrong error") }
        XCTAssertEqual(issue, .unexpectedEndOfInput)
    }

    func testEntryWithoutResourceNamesTheEntry() {
        guard case let .entryWithoutResource(entry, fullURL)? = rejection("06-entry-missing-resource.json") else { return XCTFail("wrong error") }
        XCTAssertEqual(entry, 1)
        XCTAssertNotNil(fullURL)
    }
}
