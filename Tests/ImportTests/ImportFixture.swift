import CareCore
import CareServices
import Foundation
import Storage
import XCTest

/// A fresh, migrated SQLite file in a temp folder with one organization, and helpers to run the
/// real `tend` binary against it.
final class ImportFixture {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data").standardized.path
    static var synthea: String { data + "/synthea-r4" }

    let folder: String
    let path: String
    let database: Database
    let services: CareServices
    let organizationID: Int64

    init(organization: String = "Acme Care") throws {
        folder = NSTemporaryDirectory() + "tend-import-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/tend.sqlite"
        database = try Database(path: path)
        _ = try Migrator.migrate(database, TendSchema.migrations)
        services = CareServices(environment: ServiceEnvironment(database: database))
        organizationID = try services.admin.createOrganization(name: organization, timezone: "America/New_York")
    }

    deinit {
        database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The 103 Synthea bundle paths (not counts.json), in name order.
    static func syntheaBundles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: synthea).filter { $0.hasSuffix(".json") && $0 != "counts.json" }.sorted()
            .map { synthea + "/" + $0 }
    }

    /// counts.json: file name → resource type → count.
    static func expectedCounts() throws -> [String: [String: Int]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: synthea + "/counts.json"))
        return try JSONDecoder().decode([String: [String: Int]].self, from: data)
    }

    /// The id of the Patient in a bundle file, read with Foundation (independently of the importer).
    static func patientID(inBundle path: String) throws -> String {
        let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        let entries = bundle?["entry"] as? [[String: Any]] ?? []
        let patient = entries.compactMap { $0["resource"] as? [String: Any] }.first { $0["resourceType"] as? String == "Patient" }
        return try XCTUnwrap(patient?["id"] as? String)
    }

    func scalar(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> Int {
        Int(try database.read { try $0.scalar(sql, arguments) }.int64Value ?? -1)
    }

    func counts() throws -> [String: Int] {
        try database.read { try FHIRResourceRepository($0).countsByType(organizationID: organizationID) }
    }

    /// Every stored resource as `Type/id` → JSON text.
    func contents() throws -> [String: String] {
        var out: [String: String] = [:]
        try database.read { conn in
            try FHIRResourceRepository(conn).forEach(organizationID: organizationID) { out[$0.resourceType + "/" + $0.id] = String(decoding: $0.content, as: UTF8.self) }
        }
        return out
    }

    /// Runs the built `tend` binary; returns exit status, stdout and stderr.
    static func runTend(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: productsDirectory + "/tend")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Where SwiftPM put the test bundle, and so the `tend` executable.
    static var productsDirectory: String {
        let main = Bundle.main.bundlePath
        return main.hasSuffix(".xctest") ? (main as NSString).deletingLastPathComponent : main
    }
}

extension SQLValue {
    var int64Value: Int64? {
        if case .integer(let v) = self { return v }
        return nil
    }
}
