import CareCore
import Foundation
import XCTest
@testable import Storage

/// The repositories over a real migrated SQLite file: keyset paging, scoping, uniqueness, the
/// append-only audit table, and the query plans of the hot queries.
final class RepositoryTests: XCTestCase {
    var folder: URL!
    var database: Database!
    var organizationID: Int64 = 0

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tend-repo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("t.sqlite").path)
        try Migrator.migrate(database, TendSchema.migrations)
        organizationID = try database.write { try OrganizationRepository($0).insert(name: "Org", timezone: "UTC", now: "2026-01-01T00:00:00.000Z") }
    }

    override func tearDownWithError() throws {
        database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    func details(_ given: String, _ family: String, mrn: String? = nil, birth: String = "1950-01-01") -> PatientDetails {
        PatientDetails(givenName: given, familyName: family, birthDate: LocalDate(iso: birth)!, sex: .female,
                       identifiers: mrn.map { [PatientIdentifier(system: .mrn, value: $0)] } ?? [])
    }

    func testKeysetPagingVisitsEveryMatchExactlyOnceInNameOrder() throws {
        let names = (0..<53).map { ("Given\($0 % 7)", "Family\(String(format: "%02d", $0 % 11))") }
        try database.write { conn in
            let repo = PatientRepository(conn)
            for (i, n) in names.enumerated() { _ = try repo.insert(organizationID: organizationID, publicID: "p\(i)", details: details(n.0, n.1), now: "t") }
        }
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let page = try database.read { try PatientRepository($0).search(organizationID: organizationID, scope: .organization,
                                                                            query: PatientQuery(limit: 10, after: cursor)) }
            XCTAssertEqual(page.total, 53)
            seen += page.patients.map(\.id)
            cursor = page.nextCursor
            pages += 1
        } while cursor != nil && pages < 20
        XCTAssertEqual(pages, 6)
        XCTAssertEqual(seen.count, 53)
        XCTAssertEqual(Set(seen).count, 53)
        let order = try database.read { conn in try seen.map { try PatientRepository(conn).find(organizationID: organizationID, publicID: $0)!.details } }
        XCTAssertEqual(order.map { "\($0.familyName.lowercased())|\($0.givenName.lowercased())" },
                       order.map { "\($0.familyName.lowercased())|\($0.givenName.lowercased())" }.sorted())
    }

    func testNameSearchMatchesPrefixesOfAnyNameIgnoringAccents() throws {
        try database.write { conn in
            let repo = PatientRepository(conn)
            _ = try repo.insert(organizationID: organizationID, publicID: "a", details: details("José", "Núñez"), now: "t")
            _ = try repo.insert(organizationID: organizationID, publicID: "b", details: details("Ada", "Lovelace"), now: "t")
        }
        func ids(_ name: String) throws -> [String] {
            try database.read { try PatientRepository($0).search(organizationID: organizationID, scope: .organization, query: PatientQuery(name: name)).patients.map(\.id) }
        }
        XCTAssertEqual(try ids("nun"), ["a"])
        XCTAssertEqual(try ids("JOSE nu"), ["a"])
        XCTAssertEqual(try ids("love ada"), ["b"])
        XCTAssertEqual(try ids("lovelacex"), [])
    }

    func testCareTeamScopeListsOnlyActiveMemberships() throws {
        let userID = try database.write { conn -> Int64 in
            let user = try UserRepository(conn).insert(organizationID: organizationID, username: "cm", displayName: "CM", role: .careManager, passwordHash: "x", now: "t")
            let repo = PatientRepository(conn)
            let mine = try repo.insert(organizationID: organizationID, publicID: "mine", details: details("A", "One"), now: "t")
            let former = try repo.insert(organizationID: organizationID, publicID: "former", details: details("B", "Two"), now: "t")
            _ = try repo.insert(organizationID: organizationID, publicID: "other", details: details("C", "Three"), now: "t")
            let teams = CareTeamRepository(conn)
            try teams.add(organizationID: organizationID, patientRowID: mine, userID: user, isLead: true, now: "t")
            try teams.add(organizationID: organizationID, patientRowID: former, userID: user, isLead: true, now: "t")
            try teams.remove(patientRowID: former, userID: user, now: "t2")
            return user
        }
        let page = try database.read { try PatientRepository($0).search(organizationID: organizationID, scope: .careTeam(userID: userID), query: PatientQuery()) }
        XCTAssertEqual(page.patients.map(\.id), ["mine"])
        XCTAssertEqual(page.total, 1)
    }

    func testIdentifierIsUniquePerOrganizationNotAcrossOrganizations() throws {
        let other = try database.write { try OrganizationRepository($0).insert(name: "Other", timezone: "UTC", now: "t") }
        try database.write { conn in
            _ = try PatientRepository(conn).insert(organizationID: organizationID, publicID: "a", details: details("A", "A", mrn: "M1"), now: "t")
            _ = try PatientRepository(conn).insert(organizationID: other, publicID: "a", details: details("A", "A", mrn: "M1"), now: "t")
        }
        XCTAssertThrowsError(try database.write { conn in
            _ = try PatientRepository(conn).insert(organizationID: organizationID, publicID: "b", details: details("B", "B", mrn: "M1"), now: "t")
        }) { error in XCTAssertTrue((error as? StorageError)?.isUniqueViolation == true, "\(error)") }
        XCTAssertEqual(try database.read { try PatientRepository($0).count(organizationID: organizationID) }, 1, "the failed insert left nothing")
    }

    func testAuditRowsCannotBeUpdatedOrDeleted() throws {
        try database.write { conn in
            try AuditRepository(conn).insert(AuditRow(organizationID: organizationID, at: "t", userID: nil, username: "u", role: "admin", action: "login",
                                                      outcome: "success", patientID: "", resourceType: "", resourceID: "", clientAddress: "", requestID: "", detail: ""))
        }
        for sql in ["UPDATE audit_events SET username = 'x'", "DELETE FROM audit_events"] {
            XCTAssertThrowsError(try database.write { try $0.execute(sql) }, sql) { error in
                XCTAssertTrue("\(error)".contains("append-only"), "\(error)")
            }
        }
        XCTAssertEqual(try database.read { try $0.scalar("SELECT username FROM audit_events") }, .text("u"))
    }

    func testHotQueriesUseTheirIndexes() throws {
        let plans: [(String, [any SQLConvertible], String)] = [
            ("SELECT * FROM patients WHERE organization_id = ? AND public_id = ?", [1, "x"], "sqlite_autoindex_patients_1"),
            ("SELECT * FROM patients p WHERE p.organization_id = ? AND p.birth_date = ?", [1, "1950-01-01"], "patients_birth_date"),
            ("SELECT * FROM patients p WHERE p.organization_id = ? ORDER BY p.family_key, p.given_key, p.id LIMIT 26", [1], "patients_family"),
            ("SELECT 1 FROM care_team_members WHERE user_id = ? AND patient_id = ? AND ended_at IS NULL", [1, 1], "care_team_by_user"),
            ("SELECT seq, hash FROM audit_events WHERE organization_id = ? ORDER BY seq DESC LIMIT 1", [1], "sqlite_autoindex_audit_events_1"),
            ("SELECT * FROM sessions WHERE id_hash = ?", ["x"], "sqlite_autoindex_sessions_1"),
        ]
        for (sql, args, index) in plans {
            let plan = try database.read { try $0.explainQueryPlan(sql, args) }.joined(separator: " | ")
            XCTAssertTrue(plan.contains(index), "\(sql)\n  plan: \(plan)")
            XCTAssertFalse(plan.contains("SCAN patients") && !plan.contains("USING"), "\(sql) scans: \(plan)")
        }
    }

    func testNameSearchUnionsTheNameIndexesInsteadOfWalkingTheOrganization() throws {
        for name in ["sm", "ada love"] {
            let query = PatientQuery(name: name)
            let (join, filter, arguments) = PatientRepository.searchFilter(organizationID: organizationID, scope: .organization, query: query)
            for sql in ["SELECT COUNT(*) FROM patients p \(join) WHERE \(filter)",
                        "SELECT p.* FROM patients p \(join) WHERE \(filter) ORDER BY p.family_key, p.given_key, p.id LIMIT 26"] {
                let plan = try database.read { try $0.explainQueryPlan(sql, arguments) }.joined(separator: " | ")
                XCTAssertTrue(plan.contains("MULTI-INDEX OR"), "\(name): \(plan)")
                for index in ["patients_family", "patients_given", "patients_preferred"] {
                    XCTAssertTrue(plan.contains("\(index) (organization_id=? AND"), "\(name): \(index) by range: \(plan)")
                }
            }
        }
    }

    func testNameSearchStaysInsideTheOrganization() throws {
        let other = try database.write { try OrganizationRepository($0).insert(name: "Other", timezone: "UTC", now: "2026-01-01T00:00:00.000Z") }
        try database.write { conn in
            let repo = PatientRepository(conn)
            _ = try repo.insert(organizationID: organizationID, publicID: "mine", details: details("Smith", "Smith"), now: "t")
            _ = try repo.insert(organizationID: other, publicID: "theirs", details: details("Smith", "Smith"), now: "t")
        }
        for name in ["smi", "smith smith"] {
            let page = try database.read { try PatientRepository($0).search(organizationID: organizationID, scope: .organization, query: PatientQuery(name: name)) }
            XCTAssertEqual(page.patients.map(\.id), ["mine"], name)
            XCTAssertEqual(page.total, 1, name)
        }
    }
}
