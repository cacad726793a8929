import FHIR
import XCTest

/// Bundle rules on small bundles made in the test.
final class BundleReaderTests: XCTestCase {
    private func bundle(type: String = "transaction", entries: [String]) -> [UInt8] {
        Array("{\"resourceType\":\"Bundle\",\"type\":\"\(type)\",\"entry\":[\(entries.joined(separator: ","))]}".utf8)
    }

    private func rejection(_ bytes: [UInt8]) -> FHIRError? {
        do {
            _ = try FHIRBundleReader().read(bytes)
            XCTFail("accepted")
            return nil
        } catch {
            return error
        }
    }

    private let patient = #"{"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p1"}}"#

    func testReferencesToFullURLsBecomeTypeAndIDAndOthersStayAsWritten() throws {
        let observation = #"""
        {"fullUrl":"http://example.org/fhir/Observation/o1","resource":{"resourceType":"Observation","id":"o1",
         "subject":{"reference":"urn:uuid:p1","display":"urn:uuid:p1"},
         "contained":[{"resourceType":"Provenance","id":"c","target":[{"reference":"urn:uuid:p1"}]}],
         "performer":[{"reference":"Practitioner/99"},{"reference":"#c"},{"reference":"http://example.org/fhir/Observation/o1"}],
         "valueQuantity":{"value":1.50,"unit":"mg"}}}
        """#
        let read = try FHIRBundleReader().read(bundle(entries: [patient, observation]))
        let resource = try XCTUnwrap(read.resources.last)
        XCTAssertEqual(resource.reference, "Observation/o1")
        XCTAssertEqual(resource.location, .bundleEntry(1))
        XCTAssertEqual(String(decoding: resource.json, as: UTF8.self), """
        {"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1","display":"urn:uuid:p1"},\
        "contained":[{"resourceType":"Provenance","id":"c","target":[{"reference":"Patient/p1"}]}],\
        "performer":[{"reference":"Practitioner/99"},{"reference":"#c"},{"reference":"Observation/o1"}],\
        "valueQuantity":{"value":1.50,"unit":"mg"}}
        """)
        XCTAssertEqual(resource.value["subject"]?["reference"]?.string, "Patient/p1")
    }

    func testUnmodeledTypesAreKeptAndCounted() throws {
        let other = #"{"resource":{"resourceType":"ImagingStudy","id":"i1"}}"#
        let read = try FHIRBundleReader().read(bundle(type: "collection", entries: [patient, other]))
        XCTAssertEqual(read.countsByType, ["Patient": 1, "ImagingStudy": 1])
        XCTAssertEqual(read.type, .collection)
    }

    func testEmptyBundleHasNoResources() throws {
        XCTAssertEqual(try FHIRBundleReader().read(Array(#"{"resourceType":"Bundle","type":"batch"}"#.utf8)).resources.count, 0)
    }

    func testUnsupportedOrMissingBundleTypeIsRejected() {
        XCTAssertEqual(rejection(bundle(type: "history", entries: [patient])), .unsupportedBundleType("history"))
        XCTAssertEqual(rejection(Array(#"{"resourceType":"Bundle","entry":[]}"#.utf8)), .unsupportedBundleType(nil))
    }

    func testTopLevelArrayIsNotABundle() {
        XCTAssertEqual(rejection(Array("[]".utf8)), .notAnObject(what: "the bundle", location: nil))
        XCTAssertEqual(rejection(Array(#"{"type":"batch"}"#.utf8)), .notABundle(foundResourceType: nil))
    }

    func testEntryProblemsNameTheEntry() {
        XCTAssertEqual(rejection(bundle(entries: [patient, #"{"resource":{"id":"x"}}"#])), .missingResourceType(.bundleEntry(1)))
        XCTAssertEqual(rejection(bundle(entries: [#"{"resource":{"resourceType":"patient","id":"x"}}"#])), .invalidResourceType("patient", .bundleEntry(0)))
        XCTAssertEqual(rejection(bundle(entries: [#"{"resource":{"resourceType":"Patient"}}"#])), .missingResourceID(resourceType: "Patient", .bundleEntry(0)))
        XCTAssertEqual(rejection(bundle(entries: [#"{"resource":{"resourceType":"Patient","id":"a/b"}}"#])),
                       .invalidResourceID("a/b", resourceType: "Patient", .bundleEntry(0)))
        XCTAssertEqual(rejection(bundle(entries: [#"{"resource":{"resourceType":"Patient","id":"\#(String(repeating: "a", count: 65))"}}"#])),
                       .invalidResourceID(String(repeating: "a", count: 65), resourceType: "Patient", .bundleEntry(0)))
        XCTAssertEqual(rejection(bundle(entries: [patient, "3"])), .notAnObject(what: "entry", location: .bundleEntry(1)))
        XCTAssertEqual(rejection(bundle(entries: [#"{"resource":[]}"#])), .notAnObject(what: "resource", location: .bundleEntry(0)))
    }

    func testIDOfExactly64CharactersIsAccepted() throws {
        let id = String(repeating: "a", count: 63) + "."
        XCTAssertEqual(try FHIRBundleReader().read(bundle(entries: [#"{"resource":{"resourceType":"Patient","id":"\#(id)"}}"#])).resources.first?.id, id)
    }

    func testDuplicatesAreRejected() {
        let samePatientAgain = #"{"fullUrl":"urn:uuid:p2","resource":{"resourceType":"Patient","id":"p1"}}"#
        XCTAssertEqual(rejection(bundle(entries: [patient, samePatientAgain])),
                       .duplicateResource(reference: "Patient/p1", .bundleEntry(1), first: .bundleEntry(0)))
        let sameURL = #"{"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient","id":"p2"}}"#
        XCTAssertEqual(rejection(bundle(entries: [patient, sameURL])), .duplicateFullURL("urn:uuid:p1", entry: 1, firstEntry: 0))
    }

    func testDanglingURNOIDIsRejectedButDanglingRelativeReferenceIsKept() throws {
        let oid = #"{"resource":{"resourceType":"Condition","id":"c","subject":{"reference":"urn:oid:1.2.3"}}}"#
        guard case let .unresolvedReference(reference, location, type, id, position)? = rejection(bundle(entries: [patient, oid])) else {
            return XCTFail("wrong error")
        }
        XCTAssertEqual([reference, type, id], ["urn:oid:1.2.3", "Condition", "c"])
        XCTAssertEqual(location, .bundleEntry(1))
        XCTAssertEqual(position.line, 1)
        let relative = #"{"resource":{"resourceType":"Condition","id":"c","subject":{"reference":"Patient/elsewhere"}}}"#
        XCTAssertEqual(try FHIRBundleReader().read(bundle(entries: [relative])).resources.first?.value["subject"]?["reference"]?.string, "Patient/elsewhere")
    }
}
