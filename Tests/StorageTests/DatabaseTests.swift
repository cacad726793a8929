import Dispatch
import Foundation
import Synchronization
import XCTest
import Storage

final class DatabaseTests: StorageTestCase {
    func testWriterRunsInWALWithSynchronousFull() throws {
        let database = try openDatabase()
        let pragmas = try database.write { connection in
            try ["journal_mode", "synchronous", "foreign_keys", "busy_timeout", "temp_store"].map {
                try connection.scalar("PRAGMA \($0)")
            }
        }
        // synchronous: 2 = FULL; temp_store: 2 = MEMORY.
        XCTAssertEqual(pragmas, [.text("wal"), .integer(2), .integer(1), .integer(5000), .integer(2)])
    }

    func testReadersAreQueryOnlyWithTheSameSettings() throws {
        let database = try openDatabase()
        let pragmas = try database.read { connection in
            try ["journal_mode", "synchronous", "foreign_keys", "busy_timeout", "query_only"].map {
                try connection.scalar("PRAGMA \($0)")
            }
        }
        XCTAssertEqual(pragmas, [.text("wal"), .integer(2), .integer(1), .integer(5000), .integer(1)])
    }

    func testWALModeIsPersistentInTheFile() throws {
        let database = try openDatabase()
        try database.write { try $0.execute("CREATE TABLE t (x)") }
        database.close()
        let header = try XCTUnwrap(FileManager.default.contents(atPath: path()))
        // Bytes 18 and 19 of the header are the read/write format versions: 2 means WAL.
        XCTAssertEqual(Array(header[18...19]), [2, 2])
    }

    func testCommittedDataSurvivesCloseAndReopen() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
            try connection.execute("INSERT INTO notes (body) VALUES (?)", ["Called patient; follow up Tuesday ✅"])
        }
        database.close()
        XCTAssertFalse(FileManager.default.fileExists(atPath: path() + "-wal"), "close checkpointed the WAL into the file")

        let reopened = try openDatabase()
        XCTAssertEqual(try reopened.read { try $0.scalar("SELECT body FROM notes WHERE id = 1") },
                       .text("Called patient; follow up Tuesday ✅"))
    }

    func testUncommittedWriteIsInvisibleAndDoesNotBlockReadersThenVisibleAfterCommit() throws {
        let database = try openDatabase()
        try database.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
        let insideWrite = DispatchSemaphore(value: 0)
        let readDone = DispatchSemaphore(value: 0)
        let writeFinished = DispatchSemaphore(value: 0)
        Thread {
            _ = try? database.write { connection in
                try connection.execute("INSERT INTO t VALUES (1)")
                insideWrite.signal()
                _ = readDone.wait(timeout: .now() + 10)
            }
            writeFinished.signal()
        }.start()

        XCTAssertEqual(insideWrite.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, .integer(0),
                       "a reader is not blocked by the open write and does not see it")
        readDone.signal()
        XCTAssertEqual(writeFinished.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM t") }, .integer(1),
                       "visible to readers once committed")
    }

    /// Readers hammer the table while one writer appends pairs of rows in
    /// transactions: every read must see a whole number of pairs (never half
    /// a transaction), a snapshot that holds within the read, and counts that
    /// never go backwards.
    func testConcurrentReadersWhileWriting() throws {
        let database = try openDatabase(readerCount: 3)
        try database.write { try $0.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL)") }
        let problems = Mutex<[String]>([])
        let midWriteReads = Atomic<Int>(0)
        let writerDone = Atomic<Bool>(false)
        let readersStarted = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let readerThreads = 4  // one more than the pool, so waiting for a free reader is exercised

        let batches = 200
        DispatchQueue.global().async(group: group) {
            // Start writing only once every reader is looping, so reads overlap the writes.
            for _ in 0..<readerThreads { _ = readersStarted.wait(timeout: .now() + 10) }
            for batch in 0..<batches {
                do {
                    try database.write { connection in
                        try connection.execute("INSERT INTO events (batch) VALUES (?)", [batch])
                        try connection.execute("INSERT INTO events (batch) VALUES (?)", [batch])
                    }
                } catch {
                    problems.withLock { $0.append("write \(batch): \(error)") }
                }
            }
            writerDone.store(true, ordering: .releasing)
        }
        for reader in 0..<readerThreads {
            DispatchQueue.global().async(group: group) {
                var last: Int64 = 0
                for iteration in 0..<20_000 {
                    if iteration == 1 { readersStarted.signal() }
                    do {
                        let (count, again) = try database.read { connection in
                            let count = try connection.scalar("SELECT count(*) FROM events")
                            let again = try connection.scalar("SELECT count(*) FROM events")
                            return (count.integerValue ?? -1, again.integerValue ?? -1)
                        }
                        if count % 2 != 0 { problems.withLock { $0.append("reader \(reader) saw half a transaction: \(count)") } }
                        if count != again { problems.withLock { $0.append("reader \(reader) snapshot moved: \(count) then \(again)") } }
                        if count < last { problems.withLock { $0.append("reader \(reader) went back: \(last) then \(count)") } }
                        last = count
                        if count > 0 && count < Int64(batches * 2) { midWriteReads.add(1, ordering: .relaxed) }
                    } catch {
                        problems.withLock { $0.append("reader \(reader): \(error)") }
                    }
                    if writerDone.load(ordering: .acquiring) && last == Int64(batches * 2) { break }
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success, "bounded: finishes well within a minute")
        XCTAssertEqual(problems.withLock { $0 }, [])
        XCTAssertGreaterThan(midWriteReads.load(ordering: .relaxed), 0, "some reads happened while the writer was mid-way")
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM events") }, .integer(Int64(batches * 2)))
    }

    func testCloseWaitsForAWriteInFlight() throws {
        let database = try openDatabase()
        try database.write { try $0.execute("CREATE TABLE t (x INTEGER)") }
        let insideWrite = DispatchSemaphore(value: 0)
        let result = Mutex<String>("not finished")
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            do {
                try database.write { connection in
                    insideWrite.signal()
                    Thread.sleep(forTimeInterval: 0.2)
                    try connection.execute("INSERT INTO t VALUES (42)")
                }
                result.withLock { $0 = "committed" }
            } catch {
                result.withLock { $0 = "\(error)" }
            }
        }
        XCTAssertEqual(insideWrite.wait(timeout: .now() + 10), .success)
        database.close()
        XCTAssertEqual(group.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(result.withLock { $0 }, "committed")
        let reopened = try openDatabase()
        XCTAssertEqual(try reopened.read { try $0.scalar("SELECT x FROM t") }, .integer(42))
    }

    func testExplainQueryPlanShowsIndexForIndexedLookup() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.executeScript("""
                CREATE TABLE patients (id INTEGER PRIMARY KEY, organization_id INTEGER NOT NULL, mrn TEXT NOT NULL, family TEXT);
                CREATE UNIQUE INDEX patients_by_org_mrn ON patients (organization_id, mrn);
                """)
        }
        let indexed = try database.read {
            try $0.explainQueryPlan("SELECT id, family FROM patients WHERE organization_id = ? AND mrn = ?", [1, "A"])
        }
        XCTAssertTrue(indexed.contains { $0.contains("USING INDEX patients_by_org_mrn") }, "\(indexed)")
        let unindexed = try database.read {
            try $0.explainQueryPlan("SELECT id FROM patients WHERE family = ?", ["Smith"])
        }
        XCTAssertTrue(unindexed.contains { $0.hasPrefix("SCAN") }, "control: a lookup without an index scans: \(unindexed)")
        XCTAssertFalse(unindexed.contains { $0.contains("INDEX") }, "\(unindexed)")
    }

    func testStatementCacheSurvivesSchemaChange() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE t (a INTEGER)")
            try connection.execute("INSERT INTO t VALUES (1)")
            XCTAssertEqual(try connection.queryOne("SELECT * FROM t")?.columnNames, ["a"])
            try connection.execute("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'")
            let row = try connection.queryOne("SELECT * FROM t")
            XCTAssertEqual(row?.columnNames, ["a", "b"])
            XCTAssertEqual(row?.string("b"), "x")
        }
    }

    func testReusedColumnLayoutFollowsARenamedColumn() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE t (a INTEGER, b TEXT)")
            try connection.execute("INSERT INTO t VALUES (1, 'x')")
            XCTAssertEqual(try connection.queryOne("SELECT * FROM t")?.int("a"), 1)
            XCTAssertEqual(try connection.queryOne("SELECT * FROM t")?.int("a"), 1, "second run, same layout")
            try connection.execute("ALTER TABLE t RENAME COLUMN a TO c")
            let row = try connection.queryOne("SELECT * FROM t")
            XCTAssertEqual(row?.columnNames, ["c", "b"], "same column count, new name")
            XCTAssertEqual(row?.int("c"), 1)
            XCTAssertFalse(row?.hasColumn("a") ?? true)
        }
    }
}
