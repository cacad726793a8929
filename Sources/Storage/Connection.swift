import CSQLite

/// One SQLite connection handle, with its prepared-statement cache.
///
/// Obtain one only inside `Database.read` or `Database.write`; the database
/// guarantees a single thread uses it at a time. It is deliberately not
/// `Sendable`: do not keep it after the closure returns.
public final class Connection {
    let handle: OpaquePointer
    /// Prepared statements by SQL text. Prepared with SQLITE_PREPARE_PERSISTENT
    /// because they are reused for the life of the connection.
    private var cache: [String: Statement] = [:]
    private var isClosed = false
    /// Decompresses stored FHIR content, caching the dictionaries it has loaded.
    lazy var fhirContentDecoder = FHIRContentDecoder()
    /// Enough for every distinct statement the repositories use; dynamic SQL
    /// (e.g. IN lists of varying length) must not grow the cache without bound.
    private static let cacheLimit = 512

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit { close() }

    /// Finalizes every statement, then closes the handle. Idempotent.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        cache.removeAll()  // Statement.deinit finalizes.
        // close_v2 defers the real close if anything is still unfinalized, instead of failing.
        sqlite3_close_v2(handle)
    }

    // MARK: - Running statements

    /// Runs one statement that returns no rows of interest (INSERT, UPDATE, DELETE, DDL, PRAGMA).
    public func execute(_ sql: String, _ arguments: [any SQLConvertible] = []) throws {
        try withStatement(sql, arguments) { statement in
            while try statement.step() {}
        }
    }

    /// Runs one query and returns all its rows.
    public func query(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> [Row] {
        try withStatement(sql, arguments) { statement in
            let layout = statement.layout
            var rows: [Row] = []
            while try statement.step() {
                rows.append(statement.currentRow(layout))
            }
            return rows
        }
    }

    /// Runs one query and returns its first row, or nil when it has none.
    public func queryOne(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> Row? {
        try withStatement(sql, arguments) { statement in
            try statement.step() ? statement.currentRow(statement.layout) : nil
        }
    }

    /// The first column of the first row, or `.null` when there are no rows.
    public func scalar(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> SQLValue {
        try queryOne(sql, arguments)?[0] ?? .null
    }

    /// Streams rows one at a time to `body`, for results too large to hold.
    /// `body` may run other statements on this connection.
    public func forEachRow(
        _ sql: String, _ arguments: [any SQLConvertible] = [], _ body: (Row) throws -> Void
    ) throws {
        try withStatement(sql, arguments) { statement in
            let layout = statement.layout
            while try statement.step() {
                try body(statement.currentRow(layout))
            }
        }
    }

    /// Runs several statements separated by semicolons, without arguments
    /// (migrations, schema set-up). Not cached.
    public func executeScript(_ sql: String) throws {
        try checkOpen(sql)
        var errorMessage: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard result == SQLITE_OK else {
            let message = errorMessage.map { String(cString: $0) }
            let error = StorageError.from(handle, result, sql: sql)
            throw StorageError(extendedCode: error.extendedCode, message: message ?? error.message, sql: sql)
        }
    }

    /// The rowid of the most recent successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether the connection is inside a transaction (`BEGIN` without `COMMIT` yet).
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// The `detail` lines of `EXPLAIN QUERY PLAN` for a statement, e.g.
    /// `SEARCH patients USING INDEX patients_by_org (organization_id=?)`.
    /// For tests that prove a hot query uses an index.
    public func explainQueryPlan(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> [String] {
        try checkOpen(sql)
        let statement = try Statement(db: handle, sql: "EXPLAIN QUERY PLAN " + sql, persistent: false)
        try statement.bind(arguments)
        var details: [String] = []
        while try statement.step() {
            // Columns: id, parent, notused, detail.
            details.append(statement.currentRow(statement.layout).string(3) ?? "")
        }
        return details
    }

    // MARK: - Statement cache

    /// Checks out the cached statement for `sql` (or prepares one), binds,
    /// runs `body`, then resets and clears bindings whatever happens.
    private func withStatement<T>(
        _ sql: String, _ arguments: [any SQLConvertible], _ body: (Statement) throws -> T
    ) throws -> T {
        try checkOpen(sql)
        let statement = try checkOut(sql)
        statement.isInUse = true
        defer {
            statement.reset()
            statement.isInUse = false
        }
        try statement.bind(arguments)
        return try body(statement)
    }

    /// A statement of its own (not cached) for a caller that reuses it many times, e.g. an import batch.
    func prepareOwned(_ sql: String) throws -> Statement {
        try checkOpen(sql)
        return try Statement(db: handle, sql: sql, persistent: true)
    }

    private func checkOut(_ sql: String) throws -> Statement {
        if let cached = cache[sql] {
            // Busy with an outer loop over the same SQL: use a private copy.
            if cached.isInUse { return try Statement(db: handle, sql: sql, persistent: false) }
            return cached
        }
        let statement = try Statement(db: handle, sql: sql, persistent: true)
        if cache.count >= Self.cacheLimit {
            cache = cache.filter { $0.value.isInUse }
        }
        cache[sql] = statement
        return statement
    }

    private func checkOpen(_ sql: String) throws {
        if isClosed {
            throw StorageError.misuse("connection used after its database was closed or outside its closure", sql: sql)
        }
    }
}
