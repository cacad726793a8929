import XCTest
import Storage

private struct Abort: Error {}

final class TransactionTests: StorageTestCase {
    private func makePatients(_ database: Database) throws {
        try database.write { connection in
            try connection.executeScript("""
                CREATE TABLE organizations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
                CREATE TABLE patients (
                    id INTEGER PRIMARY KEY,
                    organization_id INTEGER NOT NULL REFERENCES organizations(id),
                    mrn TEXT NOT NULL,
                    UNIQUE (organization_id, mrn)
                );
                INSERT INTO organizations (id, name) VALUES (1, 'Clinic');
                """)
        }
    }

    private func patientCount(_ database: Database) throws -> Int64? {
        try database.read { try $0.scalar("SELECT count(*) FROM patients") }.integerValue
    }

    func testWriteRollsBackEverythingWhenTheBodyThrows() throws {
        let database = try openDatabase()
        try makePatients(database)
        XCTAssertThrowsError(try database.write { connection in
            try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'A')")
            try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'B')")
            XCTAssertEqual(try connection.scalar("SELECT count(*) FROM patients"), .integer(2), "visible inside")
            throw Abort()
        }) { XCTAssertTrue($0 is Abort, "the body's own error is rethrown") }
        XCTAssertEqual(try patientCount(database), 0)
        // The writer is usable again afterwards.
        try database.write { try $0.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'C')") }
        XCTAssertEqual(try patientCount(database), 1)
    }

    func testWriteRollsBackWhenAStatementFails() throws {
        let database = try openDatabase()
        try makePatients(database)
        XCTAssertThrowsError(try database.write { connection in
            try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'A')")
            try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'A')")
        })
        XCTAssertEqual(try patientCount(database), 0)
    }

    func testUniqueViolationIsFlagged() throws {
        let database = try openDatabase()
        try makePatients(database)
        try database.write { try $0.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'A')") }
        let error = storageError {
            try database.write { try $0.execute("INSERT INTO patients (organization_id, mrn) VALUES (?, ?)", [1, "A"]) }
        }
        XCTAssertEqual(error?.isConstraintViolation, true)
        XCTAssertEqual(error?.isUniqueViolation, true)
        XCTAssertEqual(error?.isForeignKeyViolation, false)
        XCTAssertEqual(error?.code, 19)  // SQLITE_CONSTRAINT
        XCTAssertEqual(error?.extendedCode, 2067)  // SQLITE_CONSTRAINT_UNIQUE
        XCTAssertEqual(error?.sql, "INSERT INTO patients (organization_id, mrn) VALUES (?, ?)")
        XCTAssertTrue(error?.message.contains("UNIQUE") ?? false, error?.message ?? "")
    }

    func testPrimaryKeyViolationCountsAsUnique() throws {
        let database = try openDatabase()
        try makePatients(database)
        let error = storageError {
            try database.write { try $0.execute("INSERT INTO organizations (id, name) VALUES (1, 'Other')") }
        }
        XCTAssertEqual(error?.isUniqueViolation, true)
    }

    func testForeignKeyViolationIsFlagged() throws {
        let database = try openDatabase()
        try makePatients(database)
        let error = storageError {
            try database.write { try $0.execute("INSERT INTO patients (organization_id, mrn) VALUES (999, 'A')") }
        }
        XCTAssertEqual(error?.isConstraintViolation, true)
        XCTAssertEqual(error?.isForeignKeyViolation, true)
        XCTAssertEqual(error?.isUniqueViolation, false)
        XCTAssertEqual(try patientCount(database), 0)
    }

    func testNotNullViolationIsAConstraintButNotUniqueOrForeignKey() throws {
        let database = try openDatabase()
        try makePatients(database)
        let error = storageError {
            try database.write { try $0.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, NULL)") }
        }
        XCTAssertEqual(error?.isConstraintViolation, true)
        XCTAssertEqual(error?.isUniqueViolation, false)
        XCTAssertEqual(error?.isForeignKeyViolation, false)
    }

    func testNestedWriteOnTheSameThreadThrowsMisuseInsteadOfDeadlocking() throws {
        let database = try openDatabase()
        try makePatients(database)
        let error = storageError {
            try database.write { connection in
                try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'outer')")
                try database.write { try $0.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'inner')") }
            }
        }
        XCTAssertEqual(error?.isMisuse, true)
        XCTAssertTrue(error?.message.contains("nested") ?? false)
        XCTAssertEqual(try patientCount(database), 0, "the outer write rolled back too")
    }

    func testNestedReadReusesTheSameSnapshot() throws {
        let database = try openDatabase(readerCount: 1)
        try makePatients(database)
        let counts = try database.read { outer -> [Int64?] in
            let first = try outer.scalar("SELECT count(*) FROM organizations").integerValue
            let inner = try database.read { try $0.scalar("SELECT count(*) FROM organizations").integerValue }
            return [first, inner]
        }
        XCTAssertEqual(counts, [1, 1])
    }

    func testReadersRefuseWrites() throws {
        let database = try openDatabase()
        try makePatients(database)
        let error = storageError {
            try database.read { try $0.execute("INSERT INTO organizations (name) VALUES ('x')") }
        }
        XCTAssertEqual(error?.code, 8)  // SQLITE_READONLY
    }

    func testArgumentCountMismatchIsMisuse() throws {
        let database = try openDatabase()
        let error = storageError { _ = try database.read { try $0.query("SELECT ?, ?", [1]) } }
        XCTAssertEqual(error?.isMisuse, true)
    }

    func testSQLErrorCarriesMessageAndStatement() throws {
        let database = try openDatabase()
        let error = storageError { _ = try database.read { try $0.query("SELECT * FROM no_such_table") } }
        XCTAssertEqual(error?.code, 1)  // SQLITE_ERROR
        XCTAssertTrue(error?.message.contains("no_such_table") ?? false)
        XCTAssertEqual(error?.sql, "SELECT * FROM no_such_table")
    }

    func testChangesAndLastInsertRowID() throws {
        let database = try openDatabase()
        try makePatients(database)
        let (id, inserted, updated) = try database.write { connection -> (Int64, Int, Int) in
            try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'A')")
            let id = connection.lastInsertRowID
            let inserted = connection.changes
            try connection.execute("INSERT INTO patients (organization_id, mrn) VALUES (1, 'B')")
            try connection.execute("UPDATE patients SET mrn = mrn || '-x'")
            return (id, inserted, connection.changes)
        }
        XCTAssertEqual(inserted, 1)
        XCTAssertEqual(updated, 2)
        XCTAssertEqual(try database.read { try $0.scalar("SELECT mrn FROM patients WHERE id = ?", [id]) }, .text("A-x"))
    }

    func testForEachRowStreamsAndAllowsNestedQueriesWithTheSameSQL() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE n (v INTEGER)")
            for value in 1...100 { try connection.execute("INSERT INTO n VALUES (?)", [value]) }
        }
        var sum: Int64 = 0
        var innerCounts: [Int64] = []
        try database.read { connection in
            try connection.forEachRow("SELECT v FROM n WHERE v <= ? ORDER BY v", [10]) { row in
                sum += row.int("v") ?? 0
                // Same SQL while the outer statement is mid-iteration.
                let inner = try connection.query("SELECT v FROM n WHERE v <= ? ORDER BY v", [row.int("v") ?? 0])
                innerCounts.append(Int64(inner.count))
            }
        }
        XCTAssertEqual(sum, 55)
        XCTAssertEqual(innerCounts, Array(1...10))
    }

    func testScalarOfEmptyResultIsNull() throws {
        let database = try openDatabase()
        XCTAssertEqual(try database.read { try $0.scalar("SELECT 1 WHERE 0") }, .null)
        XCTAssertNil(try database.read { try $0.queryOne("SELECT 1 WHERE 0") })
    }

    func testExecuteRefusesSeveralStatements() throws {
        let database = try openDatabase()
        let error = storageError { try database.write { try $0.execute("CREATE TABLE a (x); CREATE TABLE b (x)") } }
        XCTAssertEqual(error?.isMisuse, true)
        XCTAssertEqual(try Migrator.appliedVersions(database), [])
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM sqlite_master") }, .integer(0))
    }

    func testClosedDatabaseRefusesWork() throws {
        let database = try openDatabase()
        database.close()
        database.close()  // idempotent
        XCTAssertEqual(storageError { _ = try database.read { try $0.scalar("SELECT 1") } }?.isMisuse, true)
        XCTAssertEqual(storageError { try database.write { try $0.execute("SELECT 1") } }?.isMisuse, true)
    }

    func testMemoryPathIsRefused() {
        XCTAssertEqual(storageError { _ = try Database(path: ":memory:") }?.isMisuse, true)
    }
}

extension SQLValue {
    var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }
}

final class NestingTests: StorageTestCase {
    func testReadInsideWriteSeesTheWriteSoFar() throws {
        let database = try openDatabase(readerCount: 1)
        let seen = try database.write { connection -> SQLValue in
            try connection.execute("CREATE TABLE t (x INTEGER)")
            try connection.execute("INSERT INTO t VALUES (7)")
            return try database.read { try $0.scalar("SELECT x FROM t") }
        }
        XCTAssertEqual(seen, .integer(7))
    }

    func testWriteInsideReadCommitsAndTheReadSnapshotStaysPut() throws {
        let database = try openDatabase(readerCount: 1)
        try database.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
        let (before, after) = try database.read { connection -> (SQLValue, SQLValue) in
            let before = try connection.scalar("SELECT count(*) FROM t")
            try database.write { try $0.execute("INSERT INTO t VALUES (1)") }
            return (before, try connection.scalar("SELECT count(*) FROM t"))
        }
        XCTAssertEqual(before, .integer(0))
        XCTAssertEqual(after, .integer(0), "one read is one snapshot")
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, .integer(1))
    }
}
