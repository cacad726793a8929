import XCTest
import Storage

final class ValueRoundTripTests: StorageTestCase {
    private func roundTrip(_ value: SQLValue, file: StaticString = #filePath, line: UInt = #line) throws -> SQLValue {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, v)")
            try connection.execute("DELETE FROM t")
            try connection.execute("INSERT INTO t (id, v) VALUES (1, ?)", [value])
        }
        return try database.read { try $0.scalar("SELECT v FROM t WHERE id = 1") }
    }

    func testEachStorageClassRoundTrips() throws {
        let values: [SQLValue] = [
            .null,
            .integer(0), .integer(-1), .integer(Int64.max), .integer(Int64.min),
            .real(3.25), .real(-0.0), .real(1e308), .real(Double.leastNonzeroMagnitude),
            .text(""), .text("plain"), .text("Zoë Ångström — 李小龙 — 👩🏽‍⚕️🩺 — עברית"),
            .blob([]), .blob([0, 1, 2, 0, 255]),
        ]
        for value in values {
            XCTAssertEqual(try roundTrip(value), value, "\(value)")
        }
    }

    func testEmptyTextAndEmptyBlobAreNotNull() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE t (a TEXT, b BLOB)")
            try connection.execute("INSERT INTO t VALUES (?, ?)", ["", [UInt8]()])
        }
        let row = try XCTUnwrap(database.read { try $0.queryOne("SELECT typeof(a), typeof(b), a, b FROM t") })
        XCTAssertEqual(row.string(0), "text")
        XCTAssertEqual(row.string(1), "blob")
        XCTAssertEqual(row[2], .text(""))
        XCTAssertEqual(row[3], .blob([]))
    }

    func testLargeBlobRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let blob = (0..<3_000_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        XCTAssertEqual(try roundTrip(.blob(blob)), .blob(blob))
    }

    func testTextWithEmbeddedNULRoundTrips() throws {
        XCTAssertEqual(try roundTrip(.text("a\u{0}b")), .text("a\u{0}b"))
    }

    /// SWIFT-ON-LINUX.md §1.3: with SQLITE_STATIC both columns came back as the second string.
    func testTwoDifferentStringsInOneStatementKeepTheirValues() throws {
        let database = try openDatabase()
        try database.write { connection in
            try connection.execute("CREATE TABLE people (given TEXT, family TEXT, note TEXT)")
            for index in 0..<50 {
                let given = "Given-\(index)-" + String(repeating: "g", count: index)
                let family = "Family-\(index)-" + String(repeating: "f", count: 50 - index)
                try connection.execute("INSERT INTO people VALUES (?, ?, ?)", [given, family, "n\(index)"])
            }
        }
        let rows = try database.read { try $0.query("SELECT given, family, note FROM people ORDER BY rowid") }
        XCTAssertEqual(rows.count, 50)
        for (index, row) in rows.enumerated() {
            XCTAssertEqual(row.string("given"), "Given-\(index)-" + String(repeating: "g", count: index))
            XCTAssertEqual(row.string("family"), "Family-\(index)-" + String(repeating: "f", count: 50 - index))
            XCTAssertEqual(row.string("note"), "n\(index)")
        }
    }

    func testSwiftTypesBindAsExpected() throws {
        let database = try openDatabase()
        let missing: String? = nil
        let present: Int? = 7
        let row = try XCTUnwrap(database.read { connection in
            try connection.queryOne(
                "SELECT ? AS i, ? AS i64, ? AS i32, ? AS d, ? AS s, ? AS yes, ? AS no, ? AS bytes, ? AS missing, ? AS present, ? AS raw",
                [42, Int64(-5), Int32(9), 2.5, "text", true, false, [UInt8]([1, 2]), missing, present, SQLValue.real(1.5)])
        })
        XCTAssertEqual(row["i"], .integer(42))
        XCTAssertEqual(row["i64"], .integer(-5))
        XCTAssertEqual(row["i32"], .integer(9))
        XCTAssertEqual(row["d"], .real(2.5))
        XCTAssertEqual(row["s"], .text("text"))
        XCTAssertEqual(row.bool("yes"), true)
        XCTAssertEqual(row.bool("no"), false)
        XCTAssertEqual(row["yes"], .integer(1))
        XCTAssertEqual(row.blob("bytes"), [1, 2])
        XCTAssertEqual(row["missing"], .null)
        XCTAssertEqual(row.int("present"), 7)
        XCTAssertEqual(row.double("raw"), 1.5)
    }

    func testRowAccessorsByNameAndIndex() throws {
        let database = try openDatabase()
        let row = try XCTUnwrap(database.read { try $0.queryOne("SELECT 1 AS One, 'x' AS name, 2.0 AS whole, NULL AS absent") })
        XCTAssertEqual(row.columnNames, ["One", "name", "whole", "absent"])
        XCTAssertEqual(row.int("one"), 1, "names are case-insensitive like SQLite's")
        XCTAssertEqual(row.int(0), 1)
        XCTAssertEqual(row.string(1), "x")
        XCTAssertEqual(row.int("whole"), 2, "a real with an integral value converts")
        XCTAssertEqual(row.double("One"), 1.0, "an integer converts to a double")
        XCTAssertNil(row.string("One"), "no silent integer-to-text conversion")
        XCTAssertNil(row.int("absent"))
        XCTAssertEqual(row["no such column"], .null)
        XCTAssertEqual(row[99], .null)
        XCTAssertFalse(row.hasColumn("no such column"))
        XCTAssertTrue(row.hasColumn("NAME"))
    }
}
