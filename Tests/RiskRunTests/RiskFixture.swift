import CareCore
import CareServices
import Foundation
import RiskModels
import Security
import Storage
import XCTest

/// A fresh, migrated SQLite file with one organization, members and bundles imported through the real
/// importer, and users of every role for the access tests.
final class RiskFixture {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data").standardized.path

    let folder: String
    let path: String
    let database: Database
    let services: CareServices
    let organizationID: Int64

    init() throws {
        folder = NSTemporaryDirectory() + "tend-risk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/tend.sqlite"
        database = try Database(path: path)
        _ = try Migrator.migrate(database, TendSchema.migrations)
        services = CareServices(environment: ServiceEnvironment(database: database, passwordHasher: PasswordHasher(parameters: .fastForTests)))
        organizationID = try services.admin.createOrganization(name: "Acme Care", timezone: "America/New_York")
    }

    deinit {
        database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Imports member lines (the `tend import members` format) and fails the test on a rejection.
    func importMembers(_ lines: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let name = folder + "/members-\(UUID().uuidString).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: name, atomically: true, encoding: .utf8)
        let report = services.fhirImport.importMembers(atPath: name, organizationID: organizationID, asOfYear: 2026)
        if case .rejected = report.outcome { XCTFail("rejected: \(report.rejectionLine ?? "")", file: file, line: line) }
    }

    /// Imports one FHIR Bundle given as JSON text.
    func importBundle(_ json: String, file: StaticString = #filePath, line: UInt = #line) {
        let report = services.fhirImport.importBundle(Array(json.utf8), name: "test.json", organizationID: organizationID)
        if case .rejected = report.outcome { XCTFail("rejected: \(report.rejectionLine ?? "")", file: file, line: line) }
    }

    /// Runs the risk model over the organization.
    @discardableResult
    func run(_ parameters: RiskRunParameters = RiskRunParameters(asOf: CalendarDay(year: 2025, month: 12, day: 31)!)) throws -> RiskRunRecord {
        try services.riskRuns.run(organizationID: organizationID, parameters: parameters).run
    }

    /// Every score of a run by patient public id.
    func scores(run: Int64) throws -> [String: RiskScoreRow] {
        let rows = try database.read { conn in
            try RiskScoreRepository(conn).top(organizationID: organizationID, runID: run, scope: .organization, tier: nil, after: nil, limit: 1_000_000)
        }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.patientID, $0) })
    }

    func scalar(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> Int64 {
        if case .integer(let value) = try database.read({ try $0.scalar(sql, arguments) }) { return value }
        return -1
    }

    /// A user of `role` and a request context for them.
    func context(_ role: Role, username: String) throws -> RequestContext {
        let id = try services.admin.createUser(organization: "Acme Care", username: username, role: role, password: "correct horse battery staple")
        return RequestContext(principal: Principal(userID: id, username: username, displayName: username, organizationID: organizationID, role: role),
                              clientAddress: "127.0.0.1", requestID: "test")
    }

    /// Puts a user on a patient's care team.
    func addToCareTeam(userID: Int64, patientID: String) throws {
        try database.write { conn in
            let record = try XCTUnwrap(try PatientRepository(conn).find(organizationID: organizationID, publicID: patientID))
            try CareTeamRepository(conn).add(organizationID: organizationID, patientRowID: record.rowID, userID: userID, isLead: true, now: "2026-01-01T00:00:00Z")
        }
    }

    /// One member line.
    static func member(_ id: String, age: Int = 70, sex: String = "F", elig: String = "CNA", dx: [String]) -> String {
        #"{"id":"\#(id)","age":\#(age),"sex":"\#(sex)","elig":"\#(elig)","orec":"0","medicaid":false,"dx":[\#(dx.map { "\"\($0)\"" }.joined(separator: ","))]}"#
    }
}
