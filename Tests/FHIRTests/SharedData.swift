import FHIR
import Foundation
import XCTest

/// Paths to the read-only test population in `../shared/data`, found from this file.
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let synthea = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/synthea-r4")
    static let malformed = synthea.appendingPathComponent("malformed")

    /// Every Synthea bundle file name, sorted.
    static func bundleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: synthea.path)
            .filter { $0.hasSuffix(".json") && $0 != "counts.json" }
            .sorted()
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}
