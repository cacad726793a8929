import CSQLite
import Glibc

/// One prepared statement owned by a `Connection`. Not thread-safe; it lives
/// and dies with its connection.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    /// The connection's `sqlite3*`, for error messages. The connection finalizes
    /// its statements before it closes, so this never dangles while in use.
    private let db: OpaquePointer
    /// True while a caller is stepping through it, so that a nested call with
    /// the same SQL (e.g. inside `forEachRow`) prepares its own copy instead of
    /// resetting this one under the caller's feet.
    var isInUse = false

    /// Prepares `sql`, which must hold exactly one statement.
    init(db: OpaquePointer, sql: String, persistent: Bool) throws {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        // `tail` points into the C string, so it must be read while that string is alive:
        // an implicitly bridged `sql` argument is freed as soon as the call returns.
        let (result, hasMoreSQL) = sql.withCString { cString in
            var tail: UnsafePointer<CChar>?
            let result = sqlite3_prepare_v3(db, cString, -1, flags, &statement, &tail)
            return (result, tail.map(Statement.hasMoreSQL) ?? false)
        }
        guard result == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw StorageError.from(db, result, sql: sql)
        }
        guard let statement else {
            throw StorageError.misuse("empty statement", sql: sql)
        }
        if hasMoreSQL {
            sqlite3_finalize(statement)
            throw StorageError.misuse("more than one statement; use executeScript for scripts", sql: sql)
        }
        self.handle = statement
        self.sql = sql
        self.db = db
    }

    deinit { sqlite3_finalize(handle) }

    private static func hasMoreSQL(_ tail: UnsafePointer<CChar>) -> Bool {
        var cursor = tail
        while cursor.pointee != 0 {
            switch UInt8(bitPattern: cursor.pointee) {
            case 0x20, 0x09, 0x0A, 0x0D, 0x3B: cursor += 1  // space, tab, LF, CR, ';'
            default: return true
            }
        }
        return false
    }

    /// Binds arguments by position; their count must match the statement's parameters.
    func bind(_ arguments: [any SQLConvertible]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == arguments.count else {
            throw StorageError(
                extendedCode: SQLITE_RANGE,
                message: "statement has \(expected) parameter(s) but \(arguments.count) argument(s) were given",
                sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32
            switch argument.sqlValue {
            case .null:
                result = sqlite3_bind_null(handle, index)
            case .integer(let value):
                result = sqlite3_bind_int64(handle, index, value)
            case .real(let value):
                result = sqlite3_bind_double(handle, index, value)
            case .text(var value):
                // Explicit length so text with NUL survives; TRANSIENT so SQLite copies
                // before Swift frees the buffer. An empty buffer may have a nil base
                // address, which SQLite would bind as NULL: bind a static "" instead.
                result = value.withUTF8 { bytes in
                    if let base = bytes.baseAddress, !bytes.isEmpty {
                        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                            sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                        }
                    }
                    return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
            case .blob(let value):
                result = value.withUnsafeBytes { bytes in
                    if let base = bytes.baseAddress, !bytes.isEmpty {
                        return sqlite3_bind_blob64(handle, index, base, UInt64(bytes.count), csqlite_transient())
                    }
                    // A nil pointer would bind NULL; an empty blob must stay a blob.
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
            }
            guard result == SQLITE_OK else {
                throw StorageError.from(db, result, sql: sql)
            }
        }
    }

    // MARK: - Typed binding, for statements run many times (no existential boxing per value)

    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ index: Int32, _ value: Double?) throws {
        try check(value.map { sqlite3_bind_double(handle, index, $0) } ?? sqlite3_bind_null(handle, index))
    }

    func bind(_ index: Int32, _ value: String?) throws {
        guard var value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(value.withUTF8 { bytes in
            bytes.isEmpty
                ? sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                : bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(handle, index, $0, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
        })
    }

    /// Binds `bytes` without copying them, runs the statement to completion and resets it, all while
    /// the bytes are pinned (SQLite reads them during the step only).
    func runBindingBlob(_ index: Int32, _ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress, !raw.isEmpty {
                try check(sqlite3_bind_blob64(handle, index, base, UInt64(raw.count), nil /* SQLITE_STATIC */))
            } else {
                try check(sqlite3_bind_zeroblob(handle, index, 0))
            }
            defer { sqlite3_clear_bindings(handle) }
            try runOnce()
        }
    }

    /// Steps to completion and resets (bindings kept, to be overwritten by the next use).
    func runOnce() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    private func check(_ result: Int32) throws {
        guard result == SQLITE_OK else { throw StorageError.from(db, result, sql: sql) }
    }

    /// Advances one row. Returns true when a row is ready, false when done.
    func step() throws -> Bool {
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw StorageError.from(db, result, sql: sql)
        }
    }

    /// Makes the statement ready for its next use and drops bound values
    /// (so that large blobs are not kept alive by the cache).
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Column names of the current execution. Checked on each use, not trusted from before:
    /// SQLite silently re-prepares a statement after a schema change, and the names (e.g.
    /// `SELECT *` after `ALTER TABLE`) may change with it. The previous layout is reused when
    /// the names are still the same, which spares building its name index on every query.
    var layout: ColumnLayout {
        let count = Int(sqlite3_column_count(handle))
        if let cached = cachedLayout, cached.names.count == count,
           (0..<count).allSatisfy({ column in
               guard let name = sqlite3_column_name(handle, Int32(column)) else { return cached.names[column].isEmpty }
               return cached.names[column].withCString { strcmp($0, name) == 0 }
           }) {
            return cached
        }
        var names: [String] = []
        names.reserveCapacity(count)
        for column in 0..<Int32(count) {
            names.append(sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "")
        }
        let layout = ColumnLayout(names: names)
        cachedLayout = layout
        return layout
    }

    private var cachedLayout: ColumnLayout?

    /// The current row, after `step()` returned true.
    func currentRow(_ layout: ColumnLayout) -> Row {
        let count = layout.names.count
        var values: [SQLValue] = []
        values.reserveCapacity(count)
        for column in 0..<Int32(count) {
            values.append(value(at: column))
        }
        return Row(values: values, layout: layout)
    }

    private func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Pointer first, then byte count (SQLite's documented order).
            guard let text = sqlite3_column_text(handle, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            guard let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }
}
