import XCTest
import Storage

final class MigratorTests: StorageTestCase {
    private let first = Migration(version: 1, name: "organizations", sql: """
        CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE INDEX organizations_by_name ON organizations (name);
        """)
    private let second = Migration(version: 2, name: "patients", sql: """
        CREATE TABLE patients (id INTEGER PRIMARY KEY, organization_id INTEGER NOT NULL REFERENCES organizations(id));
        """)
    private let third = Migration(version: 3, name: "tasks", sql: "CREATE TABLE tasks (id INTEGER PRIMARY KEY)")

    private func tableNames(_ database: Database) throws -> [String] {
        try database.read { connection in
            try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0.string(0) }
        }
    }

    private func migrationError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> MigrationError? {
        do {
            try body()
            XCTFail("expected a MigrationError, nothing was thrown", file: file, line: line)
        } catch let error as MigrationError {
            return error
        } catch {
            XCTFail("expected a MigrationError, got \(error)", file: file, line: line)
        }
        return nil
    }

    func testMigrationsApplyOnceAndAreRecorded() throws {
        let database = try openDatabase()
        XCTAssertEqual(try Migrator.appliedVersions(database), [])
        XCTAssertEqual(try Migrator.migrate(database, [first, second]), [1, 2])
        XCTAssertEqual(try tableNames(database), ["organizations", "patients", "schema_migrations"])
        XCTAssertEqual(try Migrator.appliedVersions(database), [1, 2])

        let rows = try database.read { try $0.query("SELECT version, name, applied_at, checksum FROM schema_migrations ORDER BY version") }
        XCTAssertEqual(rows.map { $0.string("name") }, ["organizations", "patients"])
        XCTAssertEqual(rows.map { $0.string("checksum") }, [first.checksum, second.checksum])
        for row in rows {
            let appliedAt = try XCTUnwrap(row.string("applied_at"))
            XCTAssertNotNil(appliedAt.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression), appliedAt)
        }
    }

    func testSecondRunAppliesNothingAndLaterMigrationsApplyAlone() throws {
        let database = try openDatabase()
        XCTAssertEqual(try Migrator.migrate(database, [first, second]), [1, 2])
        XCTAssertEqual(try Migrator.migrate(database, [first, second]), [])
        XCTAssertEqual(try Migrator.migrate(database, [first, second, third]), [3])
        XCTAssertEqual(try Migrator.appliedVersions(database), [1, 2, 3])
    }

    func testMigrationsSurviveReopen() throws {
        let database = try openDatabase()
        XCTAssertEqual(try Migrator.migrate(database, [first, second]), [1, 2])
        database.close()
        let reopened = try openDatabase()
        XCTAssertEqual(try Migrator.migrate(reopened, [first, second]), [])
    }

    func testEditedMigrationIsRefused() throws {
        let database = try openDatabase()
        try Migrator.migrate(database, [first, second])
        let edited = Migration(version: 2, name: "patients", sql: second.sql + "\nCREATE INDEX p ON patients (organization_id);")
        XCTAssertNotEqual(edited.checksum, second.checksum)
        let error = migrationError { try Migrator.migrate(database, [first, edited, third]) }
        XCTAssertEqual(error, .checksumMismatch(version: 2, name: "patients", recorded: second.checksum, given: edited.checksum))
        XCTAssertEqual(try Migrator.appliedVersions(database), [1, 2], "nothing more applied after a refusal")
    }

    func testDatabaseNewerThanTheBuildIsRefused() throws {
        let database = try openDatabase()
        try Migrator.migrate(database, [first, second, third])
        XCTAssertEqual(migrationError { try Migrator.migrate(database, [first, second]) },
                       .databaseNewerThanKnown(databaseVersion: 3, newestKnown: 2))
        XCTAssertEqual(migrationError { try Migrator.migrate(database, []) },
                       .databaseNewerThanKnown(databaseVersion: 3, newestKnown: 0))
    }

    func testRemovedMigrationIsRefused() throws {
        let database = try openDatabase()
        try Migrator.migrate(database, [first, second, third])
        XCTAssertEqual(migrationError { try Migrator.migrate(database, [first, third]) }, .unknownRecordedVersion(2))
    }

    func testVersionsMustBeStrictlyIncreasing() throws {
        let database = try openDatabase()
        XCTAssertEqual(migrationError { try Migrator.migrate(database, [second, first]) },
                       .versionsNotIncreasing(previous: 2, next: 1))
        XCTAssertEqual(migrationError { try Migrator.migrate(database, [first, first]) },
                       .versionsNotIncreasing(previous: 1, next: 1))
        XCTAssertEqual(try tableNames(database), [], "nothing applied, not even the bookkeeping table")
    }

    func testFailingMigrationLeavesNothingOfItself() throws {
        let database = try openDatabase()
        let broken = Migration(version: 2, name: "broken", sql: """
            CREATE TABLE half_done (id INTEGER PRIMARY KEY);
            INSERT INTO half_done (id) VALUES (1);
            INSERT INTO no_such_table VALUES (1);
            """)
        XCTAssertThrowsError(try Migrator.migrate(database, [first, broken, third])) { error in
            XCTAssertTrue((error as? StorageError)?.message.contains("no_such_table") ?? false, "\(error)")
        }
        XCTAssertEqual(try Migrator.appliedVersions(database), [1], "the one before it stays, the ones after never ran")
        XCTAssertEqual(try tableNames(database), ["organizations", "schema_migrations"])
    }

    func testChecksumIsStableAndSensitive() {
        XCTAssertEqual(Migration(version: 1, name: "a", sql: "").checksum, "cbf29ce484222325")  // FNV-1a 64 offset basis
        XCTAssertEqual(Migration(version: 1, name: "a", sql: "a").checksum, "af63dc4c8601ec8c")  // published FNV-1a test vector
        XCTAssertNotEqual(Migration(version: 1, name: "a", sql: "x ").checksum, Migration(version: 1, name: "a", sql: "x").checksum)
    }
}
