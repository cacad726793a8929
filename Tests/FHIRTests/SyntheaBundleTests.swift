import FHIR
import Foundation
import XCTest

/// The whole Synthea population in ../shared/data/synthea-r4, every bundle, against counts.json.
final class SyntheaBundleTests: XCTestCase {
    func testEveryBundleHasExactlyTheResourceCountsOfCountsJSON() throws {
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: SharedData.synthea.appendingPathComponent("counts.json"))) as? [String: [String: Int]])
        let names = try SharedData.bundleNames()
        XCTAssertEqual(names.count, 103)
        XCTAssertEqual(Set(names), Set(counts.keys), "every bundle is listed in counts.json and vice versa")
        let reader = FHIRBundleReader()
        var total = 0
        for name in names {
            let bundle = try reader.read(SharedData.bytes(SharedData.synthea.appendingPathComponent(name)))
            XCTAssertEqual(bundle.type, .transaction, name)
            XCTAssertEqual(bundle.countsByType, counts[name], name)
            total += bundle.resources.count
        }
        XCTAssertEqual(total, 18_873)
    }

    func testEveryURNReferenceIsRewrittenToAResourceOfTheSameBundle() throws {
        let reader = FHIRBundleReader()
        var rewritten = 0
        for name in try SharedData.bundleNames() {
            let bundle = try reader.read(SharedData.bytes(SharedData.synthea.appendingPathComponent(name)))
            let known = Set(bundle.resources.map(\.reference))
            for resource in bundle.resources {
                let text = String(decoding: resource.json, as: UTF8.self)
                XCTAssertFalse(text.contains("urn:uuid:"), "\(name) \(resource.reference) still has a urn:uuid reference")
                for reference in Self.references(in: resource.value) where !reference.hasPrefix("#") {
                    XCTAssertTrue(known.contains(reference), "\(name) \(resource.reference) → \(reference)")
                    rewritten += 1
                }
            }
        }
        // 59,903 urn:uuid references in the population (counted with Python's json module).
        XCTAssertEqual(rewritten, 59_903)
    }

    func testStoredJSONOfEveryResourceReparsesToItsParsedValue() throws {
        let reader = FHIRBundleReader()
        for name in try SharedData.bundleNames().prefix(5) {
            let bundle = try reader.read(SharedData.bytes(SharedData.synthea.appendingPathComponent(name)))
            for resource in bundle.resources {
                let reparsed = try JSONDocument(bytes: resource.json)
                XCTAssertEqual(JSONTree(reparsed.root), JSONTree(resource.value), "\(name) \(resource.reference)")
            }
        }
    }

    /// Every `reference` string under `value`, depth first.
    static func references(in value: JSONValue) -> [String] {
        switch value.kind {
        case .object:
            return value.members.flatMap { member -> [String] in
                if member.key == "reference", let text = member.value.string { return [text] }
                return references(in: member.value)
            }
        case .array: return value.elements.flatMap(references(in:))
        default: return []
        }
    }
}
