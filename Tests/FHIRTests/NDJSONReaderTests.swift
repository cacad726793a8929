import FHIR
import Foundation
import XCTest

final class NDJSONReaderTests: XCTestCase {
    private let text = """
    {"resourceType":"Patient","id":"p1","birthDate":"1970-01-01"}
    {"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"valueQuantity":{"value":1.50}}\r

    {"resourceType":"Basic","id":"b1"}
    """

    private func readAll(_ bytes: [UInt8], chunkSize: Int) throws -> [FHIRResource] {
        var reader = NDJSONReader()
        var resources: [FHIRResource] = []
        var offset = 0
        while offset < bytes.count {
            try reader.read(bytes[offset..<min(offset + chunkSize, bytes.count)]) { resources.append($0) }
            offset += chunkSize
        }
        try reader.finish { resources.append($0) }
        return resources
    }

    func testReadsEveryLineWhateverTheChunkSize() throws {
        for chunkSize in [1, 7, 64, 1 << 20] {
            let resources = try readAll(Array(text.utf8), chunkSize: chunkSize)
            XCTAssertEqual(resources.map(\.reference), ["Patient/p1", "Observation/o1", "Basic/b1"], "chunk \(chunkSize)")
            XCTAssertEqual(resources.map(\.location), [.ndjsonLine(1), .ndjsonLine(2), .ndjsonLine(4)])
            XCTAssertEqual(String(decoding: resources[1].json, as: UTF8.self),
                           #"{"resourceType":"Observation","id":"o1","subject":{"reference":"Patient/p1"},"valueQuantity":{"value":1.50}}"#)
        }
    }

    func testSyntaxErrorNamesTheLineAndFileOffset() {
        let bytes = Array("{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Patient\",\"id\":\"p2\",}\n".utf8)
        XCTAssertThrowsError(try readAll(bytes, chunkSize: 5)) { error in
            guard case let .invalidJSON(issue, position)? = error as? FHIRError else { return XCTFail("\(error)") }
            XCTAssertEqual(issue, .trailingComma)
            XCTAssertEqual(position.line, 2)
            XCTAssertEqual(position.column, 37)
            XCTAssertEqual(position.offset, bytes.lastIndex(of: UInt8(ascii: "}")))
        }
    }

    func testResourceProblemsNameTheLine() {
        XCTAssertThrowsError(try readAll(Array("{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"id\":\"x\"}".utf8), chunkSize: 100)) { error in
            XCTAssertEqual(error as? FHIRError, .missingResourceType(.ndjsonLine(2)))
        }
        XCTAssertThrowsError(try readAll(Array("{\"resourceType\":\"Condition\",\"id\":\"c\",\"subject\":{\"reference\":\"urn:uuid:1\"}}".utf8), chunkSize: 100)) { error in
            guard case let .unresolvedReference(reference, location, _, _, _)? = error as? FHIRError else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "urn:uuid:1")
            XCTAssertEqual(location, .ndjsonLine(1))
        }
    }

    func testReadsAFileFromDisk() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ndjson-\(UUID().uuidString).ndjson")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var types: [String] = []
        try NDJSONReader.readFile(atPath: url.path) { types.append($0.resourceType) }
        XCTAssertEqual(types, ["Patient", "Observation", "Basic"])
        XCTAssertThrowsError(try NDJSONReader.readFile(atPath: url.path + ".missing") { _ in }) { error in
            guard case .unreadableFile? = error as? FHIRError else { return XCTFail("\(error)") }
        }
    }
}
