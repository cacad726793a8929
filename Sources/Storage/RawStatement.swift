import CSQLite

/// A prepared statement stepped by hand, for the few loops that move millions of rows (the population
/// risk run): columns are read in place, without building `Row`s or Swift strings, and inserts bind by
/// position without argument arrays.
///
/// Like `Connection`, it is not `Sendable`: use it only inside the `Database.read`/`write` closure that
/// gave the connection, and let it go before the closure returns.
public final class RawStatement {
    private let statement: Statement

    /// Prepares one statement on `connection` (not cached; keep the value for the loop's life).
    public init(_ connection: Connection, _ sql: String) throws {
        statement = try Statement(db: connection.handle, sql: sql, persistent: true)
    }

    /// Binds an integer to parameter `index` (1-based).
    public func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(statement.handle, index, value))
    }

    /// Binds a double to parameter `index` (1-based).
    public func bind(_ index: Int32, _ value: Double) throws {
        try check(sqlite3_bind_double(statement.handle, index, value))
    }

    /// Binds NULL to parameter `index` (1-based).
    public func bindNull(_ index: Int32) throws {
        try check(sqlite3_bind_null(statement.handle, index))
    }

    /// Binds UTF-8 text (copied by SQLite) to parameter `index` (1-based).
    public func bindText(_ index: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        let base = bytes.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) }
        if let base, !bytes.isEmpty {
            try check(sqlite3_bind_text64(statement.handle, index, base, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8)))
        } else {
            try check(sqlite3_bind_text(statement.handle, index, "", 0, csqlite_transient()))
        }
    }

    /// Binds a string to parameter `index` (1-based).
    public func bindText(_ index: Int32, _ text: String) throws {
        var copy = text
        try copy.withUTF8 { try bindText(index, UnsafeRawBufferPointer($0)) }
    }

    /// Advances one row: true when a row is ready, false when done.
    public func step() throws -> Bool { try statement.step() }

    /// Runs an INSERT/UPDATE to completion, then resets it for the next bindings.
    public func run() throws {
        defer { sqlite3_reset(statement.handle) }
        while try statement.step() {}
    }

    /// Makes the statement ready to run again (bindings are kept).
    public func reset() { sqlite3_reset(statement.handle) }

    /// Whether column `column` (0-based) of the current row is NULL.
    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement.handle, column) == SQLITE_NULL }

    /// Column `column` as an integer.
    public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.handle, column) }

    /// Column `column` as a double.
    public func double(_ column: Int32) -> Double { sqlite3_column_double(statement.handle, column) }

    /// Column `column` as bytes (text or blob), valid only until the next `step`, `reset` or column read
    /// of another type on this column.
    public func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let handle = statement.handle
        guard let pointer = sqlite3_column_blob(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        let count = Int(sqlite3_column_bytes(handle, column))
        return UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: count)
    }

    private func check(_ result: Int32) throws {
        guard result == SQLITE_OK else { throw StorageError(extendedCode: result, message: "bind failed", sql: statement.sql) }
    }
}
