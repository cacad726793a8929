import Foundation
import XCTest
@testable import RiskModels

/// The generated Swift file must hold exactly the CSV tables shipped beside it.
final class EmbeddedTablesTests: XCTestCase {
    func testEmbeddedTablesMatchTheCSVFiles() throws {
        let tables = RiskDevData.packageRoot.appendingPathComponent("Sources/RiskModels/Tables")
        let files = try FileManager.default.contentsOfDirectory(atPath: tables.path).filter { $0.hasSuffix(".csv") }.sorted()
        XCTAssertEqual(files, EmbeddedTables.all.map(\.file).sorted(), "run Sources/RiskModels/Tables/embed.sh")
        for (file, text) in EmbeddedTables.all {
            let onDisk = try String(contentsOf: tables.appendingPathComponent(file), encoding: .utf8)
            XCTAssertEqual(text + "\n", onDisk, "\(file) differs from EmbeddedTables.swift; run Tables/embed.sh")
        }
    }
}
