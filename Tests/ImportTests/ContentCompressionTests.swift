import CareServices
import FHIR
import Foundation
import Storage
import XCTest

/// Stored FHIR JSON is zstd-compressed with a dictionary trained on the organization's first bulk
/// import; every read gives back exactly the JSON the bundle reader produced.
final class ContentCompressionTests: XCTestCase {
    private static let zstdMagic = "28B52FFD"

    func testABulkImportStoresCompressedContentThatReadsBackByteForByte() throws {
        let fixture = try ImportFixture()
        let bundles = Array(try ImportFixture.syntheaBundles().prefix(10))
        let reports = fixture.services.fhirImport.importFiles(bundles.map { ImportInput(path: $0) }, organizationID: fixture.organizationID)
        XCTAssertEqual(reports.filter { if case .imported = $0.outcome { true } else { false } }.count, bundles.count)

        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_dictionaries WHERE organization_id = ?", [fixture.organizationID]), 1)
        let total = try fixture.scalar("SELECT COUNT(*) FROM fhir_resources")
        XCTAssertGreaterThan(total, 1000)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE hex(substr(content, 1, 4)) = ?", [Self.zstdMagic]), total)

        // Each resource of each file reads back as the bundle reader's compact JSON, independently of the import path.
        var plainBytes = 0
        for path in bundles {
            let read = try FHIRBundleReader().read(try FileBytes.read(path: path))
            for resource in read.resources {
                let stored = try fixture.database.read {
                    try FHIRResourceRepository($0).find(organizationID: fixture.organizationID, resourceType: resource.resourceType, id: resource.id)
                }
                XCTAssertEqual(stored?.content, resource.json, resource.reference)
                plainBytes += resource.json.count
            }
        }
        // Shared Organization/Practitioner entries repeat across files; what is stored is far smaller all the same.
        let storedBytes = try fixture.scalar("SELECT SUM(length(content)) FROM fhir_resources")
        XCTAssertLessThan(storedBytes * 4, plainBytes, "stored \(storedBytes) bytes for \(plainBytes) bytes of JSON")
        let exported = try fixture.contents()
        XCTAssertEqual(exported.count, total)
        for (reference, json) in exported.prefix(50) {
            XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], reference)
        }
    }

    func testPlainAndCompressedFormsOfTheSameJSONAreTheSameResource() throws {
        let fixture = try ImportFixture()
        let bundles = Array(try ImportFixture.syntheaBundles().prefix(6))
        _ = fixture.services.fhirImport.importFiles(bundles.map { ImportInput(path: $0) }, organizationID: fixture.organizationID)
        let patientID = try ImportFixture.patientID(inBundle: bundles[0])
        let before = try XCTUnwrap(fixture.database.read {
            try FHIRResourceRepository($0).find(organizationID: fixture.organizationID, resourceType: "Patient", id: patientID)
        })
        // An older row stored plain (as before compression, or a stream imported without a dictionary).
        try fixture.database.write { conn in
            try conn.execute("UPDATE fhir_resources SET content = ? WHERE resource_type = 'Patient' AND id = ?", [before.content, patientID])
        }
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE id = ? AND hex(substr(content, 1, 1)) = '7B'", [patientID]), 1)
        let report = fixture.services.fhirImport.importFile(atPath: bundles[0], organizationID: fixture.organizationID)
        guard case .imported(let counts) = report.outcome else { return XCTFail("re-import rejected: \(report.outcome)") }
        XCTAssertEqual(counts.unchanged, counts.total)
        let after = try fixture.database.read {
            try FHIRResourceRepository($0).find(organizationID: fixture.organizationID, resourceType: "Patient", id: patientID)
        }
        XCTAssertEqual(after, before)
        XCTAssertEqual(after?.version, 1)
    }

    func testAResourceWhoseDictionaryIsMissingFailsToReadInsteadOfReadingWrong() throws {
        let fixture = try ImportFixture()
        let bundles = Array(try ImportFixture.syntheaBundles().prefix(6))
        _ = fixture.services.fhirImport.importFiles(bundles.map { ImportInput(path: $0) }, organizationID: fixture.organizationID)
        let patientID = try ImportFixture.patientID(inBundle: bundles[0])
        try fixture.database.write { try $0.execute("DELETE FROM fhir_dictionaries") }
        // A fresh connection (no dictionary cached).
        let reopened = try Database(path: fixture.path)
        defer { reopened.close() }
        XCTAssertThrowsError(try reopened.read {
            try FHIRResourceRepository($0).find(organizationID: fixture.organizationID, resourceType: "Patient", id: patientID)
        }) { error in
            XCTAssertTrue("\(error)".contains("dictionary"), "\(error)")
        }
    }

    func testTrainingNeedsEnoughSamplesAndStampsTheID() throws {
        XCTAssertNil(FHIRContentCodec.trainDictionary(samples: [Array("{\"resourceType\":\"Patient\"}".utf8)], id: 40000))
        let samples = (0..<400).map { index in
            Array(#"{"resourceType":"Observation","id":"obs-\#(index)","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"\#(index % 37)-\#(index % 11)"}]},"valueQuantity":{"value":\#(index).5,"unit":"mg/dL"}}"#.utf8)
        }
        let bytes = try XCTUnwrap(FHIRContentCodec.trainDictionary(samples: samples, id: 40000, capacity: 4096))
        let dictionary = try XCTUnwrap(FHIRContentDictionary(id: 40000, bytes: bytes))
        XCTAssertNil(FHIRContentDictionary(id: 40001, bytes: bytes), "the id written in the dictionary must match")
        let compressor = FHIRContentCompressor()
        let encoded = compressor.encode(samples[7], dictionary: dictionary)
        XCTAssertLessThan(encoded.count, samples[7].count)
        XCTAssertEqual(compressor.encode(samples[7], dictionary: nil), samples[7])
    }
}
