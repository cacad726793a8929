import CareCore
@testable import CareServices
import Foundation
import Security
import Storage
import XCTest

/// The audit log through the use cases, on a real SQLite file: rows carry the required fields,
/// the database refuses UPDATE and DELETE, and `AuditChain.verify` finds an altered or removed row.
final class AuditChainServiceTests: XCTestCase {
    var folder: URL!
    var database: Database!
    var services: CareServices!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tend-services-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("tend.sqlite").path)
        try Migrator.migrate(database, TendSchema.migrations)
        services = CareServices(environment: ServiceEnvironment(database: database, clock: Clock { Date(timeIntervalSince1970: 1_790_000_000) },
                                                                passwordHasher: PasswordHasher(parameters: .fastForTests)))
        try services.admin.createOrganization(name: "North Clinic", timezone: "America/New_York")
        try services.admin.createUser(organization: "North Clinic", username: "cm-one", role: .careManager, password: "correct horse battery staple")
    }

    override func tearDown() {
        database?.close()
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    private func context() throws -> RequestContext {
        let token = try services.auth.createToken(username: "cm-one")
        return RequestContext(principal: try services.auth.principal(forToken: token), clientAddress: "10.0.0.7", requestID: "req-1234")
    }

    private func createAda(_ context: RequestContext) throws -> String {
        var draft = PatientDraft()
        draft.givenName = "Ada"
        draft.familyName = "Lovelace"
        draft.birthDate = "1950-12-10"
        draft.sex = "female"
        guard case .created(let record) = try services.patients.create(draft, by: context) else { XCTFail("not created"); return "" }
        return record.id
    }

    func testPatientCreateRowCarriesEveryRequiredField() throws {
        let context = try context()
        let id = try createAda(context)
        let row = try XCTUnwrap(try database.read { try $0.queryOne("SELECT * FROM audit_events WHERE action = 'patient.create'") })
        XCTAssertEqual(row.string("username"), "cm-one")
        XCTAssertEqual(row.string("role"), "care_manager")
        XCTAssertEqual(row.int("organization_id"), context.principal.organizationID)
        XCTAssertEqual(row.int("user_id"), context.principal.userID)
        XCTAssertEqual(row.string("outcome"), "success")
        XCTAssertEqual(row.string("patient_id"), id)
        XCTAssertEqual(row.string("resource_type"), "Patient")
        XCTAssertEqual(row.string("resource_id"), id)
        XCTAssertEqual(row.string("client_address"), "10.0.0.7")
        XCTAssertEqual(row.string("request_id"), "req-1234")
        XCTAssertEqual(row.string("at"), "2026-09-21T14:13:20.000Z", "UTC time of the (test) clock")
    }

    func testDatabaseRejectsUpdateAndDeleteOfAuditRows() throws {
        _ = try createAda(try context())
        let before = try database.read { try $0.queryOne("SELECT COUNT(*) FROM audit_events")?.int(0) }
        XCTAssertThrowsError(try database.write { try $0.execute("UPDATE audit_events SET detail = 'edited'") }) { error in
            XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
        }
        XCTAssertThrowsError(try database.write { try $0.execute("DELETE FROM audit_events") }) { error in
            XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
        }
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT COUNT(*) FROM audit_events")?.int(0) }, before)
        XCTAssertEqual(try database.read { try $0.queryOne("SELECT COUNT(*) FROM audit_events WHERE detail = 'edited'")?.int(0) }, 0)
    }

    func testVerifyFindsTheAlteredRowAndTheDeletedRow() throws {
        let context = try context()
        let id = try createAda(context)
        _ = try services.patients.chart(id, by: context)
        _ = try services.patients.chart(id, by: context)
        guard case .success(let checked) = try services.auditLog.verify() else { return XCTFail("an intact chain must verify") }
        XCTAssertGreaterThanOrEqual(checked, 5)

        // Someone with file access drops the triggers and edits one row.
        let target = try XCTUnwrap(try database.write { conn -> Int64? in
            try conn.executeScript("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;")
            let id = try conn.queryOne("SELECT id FROM audit_events WHERE action = 'patient.read' ORDER BY id LIMIT 1")?.int("id")
            try conn.execute("UPDATE audit_events SET detail = 'nothing to see' WHERE id = ?", [id])
            return id
        })
        guard case .failure(let altered) = try services.auditLog.verify() else { return XCTFail("an altered row must break the chain") }
        XCTAssertEqual(altered.rowID, target)
        XCTAssertTrue(altered.problem.contains("altered"), altered.problem)

        // Deleting that row instead leaves a gap in seq, found at the next row.
        try database.write { try $0.execute("DELETE FROM audit_events WHERE id = ?", [target]) }
        guard case .failure(let gap) = try services.auditLog.verify() else { return XCTFail("a deleted row must break the chain") }
        XCTAssertEqual(gap.rowID, target + 1)
        XCTAssertTrue(gap.problem.contains("missing"), gap.problem)
    }

    func testOutOfScopeAndMissingPatientsAreTheSameNotFoundAndBothAudited() throws {
        let owner = try context()
        let id = try createAda(owner)
        try services.admin.createUser(organization: "North Clinic", username: "cm-two", role: .careManager, password: "correct horse battery staple")
        let other = RequestContext(principal: try services.auth.principal(forToken: try services.auth.createToken(username: "cm-two")),
                                   clientAddress: "10.0.0.8", requestID: "req-5678")
        XCTAssertThrowsError(try services.patients.chart(id, by: other)) { XCTAssertEqual($0 as? ServiceError, .notFound("no patient \(id)")) }
        XCTAssertThrowsError(try services.patients.chart("no-such-id", by: other)) { XCTAssertEqual($0 as? ServiceError, .notFound("no patient no-such-id")) }
        let denied = try database.read { try $0.query("SELECT patient_id FROM audit_events WHERE action = 'patient.read' AND outcome = 'denied' ORDER BY id") }
        XCTAssertEqual(denied.map { $0.string("patient_id") }, [id, "no-such-id"])
    }
}
