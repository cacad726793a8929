import CSQLite
import Foundation

/// A SQLite database file with one writer connection and a small pool of
/// reader connections, in WAL mode.
///
/// - `write` runs its closure in one `BEGIN IMMEDIATE … COMMIT` transaction on
///   the single writer; writes are serialized. A throw rolls everything back.
/// - `read` runs its closure on a reader connection inside a read transaction,
///   so everything it reads comes from one consistent snapshot. Readers run
///   concurrently with each other and with the writer (WAL).
/// - Nesting on one thread never deadlocks:
///   - `write` inside `write` throws a `StorageError` with `isMisuse == true`
///     (and the outer write then rolls back if it lets the error through).
///     Pass the `Connection` you already hold down to the code that needs it,
///     so one use case stays one transaction. We chose this over a silent
///     savepoint so that a use case cannot commit "half" of itself by accident.
///   - `read` inside `write` runs on the writer connection, inside the write's
///     transaction, so it sees the rows written so far.
///   - `read` inside `read` reuses the same reader and snapshot.
///   - `write` inside `read` is allowed (it waits for the writer like any write;
///     the read's snapshot does not move). Lock order is always reader, then
///     writer, which is why a thread holding the writer never waits for a reader.
///
/// Thread safety: `@unchecked Sendable` because the handles are not Sendable
/// values; every mutable field below is read and written only while holding
/// `condition`, and each `Connection` is handed to exactly one thread at a
/// time (the writer to the `writerOwner`, a reader to its entry in
/// `readerOwners`). The connections are opened with SQLITE_OPEN_NOMUTEX
/// because this locking already makes SQLite's own per-call mutex redundant.
public final class Database: @unchecked Sendable {
    /// The database file.
    public let path: String

    private let writer: Connection
    private let readers: [Connection]

    private let condition = NSCondition()
    // Guarded by `condition`:
    private var isClosing = false
    private var handlesClosed = false
    private var writerOwner: pthread_t?
    private var freeReaders: [Int]
    private var readerOwners: [(thread: pthread_t, reader: Int)] = []

    /// Opens (creating if needed) the database file at `path` with one writer
    /// and `readerCount` readers. `:memory:` is refused: each pooled connection
    /// would get its own empty database.
    public init(path: String, readerCount: Int = 4) throws {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else {
            throw StorageError.misuse("Database needs a file path (got \"\(path)\"); tests use a temp file")
        }
        guard readerCount >= 1 else {
            throw StorageError.misuse("readerCount must be at least 1 (got \(readerCount))")
        }
        self.path = path
        // The writer first: it creates the file and switches it to WAL, which the readers rely on.
        let writer = try Database.open(path, create: true)
        do {
            try Database.configureWriter(writer)
        } catch {
            writer.close()
            throw error
        }
        var readers: [Connection] = []
        do {
            for _ in 0..<readerCount {
                let reader = try Database.open(path, create: false)
                readers.append(reader)
                try Database.configureReader(reader)
            }
        } catch {
            readers.forEach { $0.close() }
            writer.close()
            throw error
        }
        self.writer = writer
        self.readers = readers
        self.freeReaders = Array(readers.indices)
    }

    deinit { close() }

    // MARK: - Connection set-up

    /// Process-wide SQLite settings, applied once before the first connection opens.
    private static let configureLibrary: Void = {
        // Allocation statistics cost a global mutex per malloc/free (~3% of an import's CPU).
        _ = csqlite_disable_memory_statistics()
    }()

    private static func open(_ path: String, create: Bool) throws -> Connection {
        Database.configureLibrary
        var handle: OpaquePointer?
        // NOMUTEX: Database's own lock guarantees one thread per connection.
        // EXRESCODE: extended result codes, so UNIQUE and FOREIGN KEY failures can be told apart.
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if create { flags |= SQLITE_OPEN_CREATE }
        let result = sqlite3_open_v2(path, &handle, flags, nil)
        guard result == SQLITE_OK, let handle else {
            let error = StorageError.from(handle, result, sql: nil)
            sqlite3_close_v2(handle)
            throw StorageError(extendedCode: error.extendedCode, message: "cannot open \(path): \(error.message)")
        }
        sqlite3_extended_result_codes(handle, 1)
        return Connection(handle: handle)
    }

    /// Settings every connection shares.
    private static func configureCommon(_ connection: Connection) throws {
        // Wait up to 5 s for a lock held by another process (a backup, the CLI)
        // instead of failing at once with SQLITE_BUSY.
        try connection.execute("PRAGMA busy_timeout = 5000")
        // Off by default in SQLite, per connection: without it REFERENCES is decoration.
        try connection.execute("PRAGMA foreign_keys = ON")
        // Sorts and temp indexes in memory: faster, and no patient data in temp files.
        try connection.execute("PRAGMA temp_store = MEMORY")
        // Page cache per connection: negative means KiB, so 16 MiB.
        try connection.execute("PRAGMA cache_size = -16384")
        // mmap_size stays 0 (SQLite's default): with mmap an I/O error becomes a
        // SIGBUS that kills the server instead of a StorageError, for a modest gain.
    }

    private static func configureWriter(_ connection: Connection) throws {
        try configureCommon(connection)
        // WAL: readers never block the writer and the writer never blocks readers;
        // a commit is one sequential append to the -wal file. Persistent in the file.
        let mode = try connection.scalar("PRAGMA journal_mode = WAL")
        guard case .text(let text) = mode, text.lowercased() == "wal" else {
            throw StorageError(extendedCode: SQLITE_CANTOPEN, message: "could not switch the database to WAL (journal_mode is \(mode))")
        }
        // synchronous=FULL, not NORMAL. The product promises that a write acknowledged
        // to the client survives kill -9 AND power loss.
        // - kill -9 alone: NORMAL would do. COMMIT has written the WAL frames with
        //   write(2), so they sit in the OS page cache, which outlives the process.
        // - Power loss: NORMAL fsyncs the WAL only at checkpoints, so the last
        //   transactions before the outage can be rolled back on recovery even though
        //   the client was told "saved". FULL fsyncs the WAL at every COMMIT, before
        //   sqlite3_step returns, which makes the acknowledgement true on disk (as far
        //   as the drive honours fsync). The cost is one fsync per write transaction,
        //   which is why use cases batch their rows into one `write`.
        try connection.execute("PRAGMA synchronous = FULL")
    }

    private static func configureReader(_ connection: Connection) throws {
        try configureCommon(connection)
        // Opened read-write (a SQLITE_OPEN_READONLY connection cannot create the
        // -shm file or run recovery of a WAL database), then locked down:
        // query_only makes any write on a reader fail with SQLITE_READONLY.
        try connection.execute("PRAGMA query_only = ON")
        // Readers never commit, but a reader may be the last connection to close and
        // checkpoint; keep the same durability setting as the writer.
        try connection.execute("PRAGMA synchronous = FULL")
    }

    // MARK: - Reading and writing

    /// Runs `body` on a reader connection, inside one read transaction (one
    /// consistent snapshot). Blocks while all readers are busy. Writes fail
    /// with SQLITE_READONLY.
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let me = pthread_self()
        condition.lock()
        if isClosing {
            condition.unlock()
            throw StorageError.misuse("read on a closed database")
        }
        if let owned = readerOwners.first(where: { pthread_equal($0.thread, me) != 0 }) {
            // Nested read on this thread: same connection, same snapshot, no new transaction.
            condition.unlock()
            return try body(readers[owned.reader])
        }
        if let owner = writerOwner, pthread_equal(owner, me) != 0 {
            // Read inside this thread's write: run on the writer, inside its transaction,
            // so it sees the rows written so far. Never waiting for a reader while holding
            // the writer also rules out a deadlock cycle with a thread that holds a reader
            // and waits for the writer.
            condition.unlock()
            return try body(writer)
        }
        while freeReaders.isEmpty && !isClosing {
            condition.wait()
        }
        guard !isClosing, let index = freeReaders.popLast() else {
            condition.unlock()
            throw StorageError.misuse("read on a closed database")
        }
        readerOwners.append((me, index))
        condition.unlock()

        defer {
            condition.lock()
            readerOwners.removeAll { pthread_equal($0.thread, me) != 0 }
            freeReaders.append(index)
            condition.broadcast()
            closeHandlesIfIdle()
            condition.unlock()
        }
        return try inTransaction(readers[index], begin: "BEGIN DEFERRED", body)
    }

    /// Runs `body` on the single writer inside `BEGIN IMMEDIATE … COMMIT`.
    /// Any throw from `body` (or a failing COMMIT) rolls the whole transaction
    /// back and is rethrown. Calling `write` inside `write` on the same thread
    /// throws a misuse error (see the type's documentation).
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        let me = pthread_self()
        condition.lock()
        if let owner = writerOwner, pthread_equal(owner, me) != 0 {
            condition.unlock()
            throw StorageError.misuse("nested Database.write on the same thread; pass the Connection of the outer write instead")
        }
        while writerOwner != nil && !isClosing {
            condition.wait()
        }
        if isClosing {
            condition.unlock()
            throw StorageError.misuse("write on a closed database")
        }
        writerOwner = me
        condition.unlock()

        defer {
            condition.lock()
            writerOwner = nil
            condition.broadcast()
            closeHandlesIfIdle()
            condition.unlock()
        }
        // IMMEDIATE takes the write lock up front, so a transaction that reads then
        // writes cannot fail half-way with SQLITE_BUSY when another process writes.
        return try inTransaction(writer, begin: "BEGIN IMMEDIATE", body)
    }

    private func inTransaction<T>(_ connection: Connection, begin: String, _ body: (Connection) throws -> T) throws -> T {
        try connection.execute(begin)
        do {
            let result = try body(connection)
            try connection.execute("COMMIT")
            return result
        } catch {
            // SQLite may already have rolled back by itself (e.g. SQLITE_FULL); only roll back what is open.
            if connection.isInTransaction {
                try? connection.execute("ROLLBACK")  // The original error is the one worth reporting.
            }
            throw error
        }
    }

    /// Stops new reads and writes (they throw), waits for those in flight, then
    /// closes every handle; the last close checkpoints the WAL into the main file.
    /// Idempotent. Called from inside a `read`/`write` closure, it returns at once
    /// and the handles close when that closure ends.
    public func close() {
        let me = pthread_self()
        condition.lock()
        defer { condition.unlock() }
        isClosing = true
        condition.broadcast()
        let callerHoldsConnection =
            (writerOwner.map { pthread_equal($0, me) != 0 } ?? false)
            || readerOwners.contains { pthread_equal($0.thread, me) != 0 }
        if callerHoldsConnection { return }
        while !handlesClosed {
            closeHandlesIfIdle()
            if !handlesClosed { condition.wait() }
        }
    }

    /// Must hold `condition`.
    private func closeHandlesIfIdle() {
        guard isClosing, !handlesClosed, writerOwner == nil, freeReaders.count == readers.count else { return }
        handlesClosed = true
        // Readers first, the writer last, so the writer's close does the final checkpoint.
        readers.forEach { $0.close() }
        writer.close()
        condition.broadcast()
    }
}
