/// One schema change: a numbered, named SQL script. Append-only: once
/// released, a migration's SQL must never change (the migrator checks).
public struct Migration: Sendable {
    /// Position in the history; strictly increasing, never reused.
    public let version: Int
    /// A short description for logs and `schema_migrations`.
    public let name: String
    /// One or more statements, run as one transaction. Must not contain BEGIN/COMMIT.
    public let sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// The checksum recorded for this migration: FNV-1a 64 of the exact SQL
    /// bytes, as 16 hex digits. It detects edited history (including
    /// whitespace edits); it is not meant to resist deliberate collisions.
    public var checksum: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// Why the migrator refused to run. Every case means the code and the
/// database disagree about history; none is fixed by retrying.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The given list is not in strictly increasing version order.
    case versionsNotIncreasing(previous: Int, next: Int)
    /// A recorded migration's SQL differs from the one given now (edited history).
    case checksumMismatch(version: Int, name: String, recorded: String, given: String)
    /// The database has migrations newer than this build knows: an older binary
    /// on a newer database.
    case databaseNewerThanKnown(databaseVersion: Int, newestKnown: Int)
    /// A version recorded in the database is missing from the given list.
    case unknownRecordedVersion(Int)

    /// A one-line explanation for the operator.
    public var description: String {
        switch self {
        case .versionsNotIncreasing(let previous, let next):
            return "migration versions must be strictly increasing: \(next) follows \(previous)"
        case .checksumMismatch(let version, let name, let recorded, let given):
            return "migration \(version) (\(name)) was edited after it was applied: checksum \(given), database has \(recorded)"
        case .databaseNewerThanKnown(let databaseVersion, let newestKnown):
            return "database is at migration \(databaseVersion) but this build knows only up to \(newestKnown); upgrade Tend"
        case .unknownRecordedVersion(let version):
            return "database records migration \(version), which this build does not have"
        }
    }
}

/// Applies migrations and records them in the table `schema_migrations`.
public enum Migrator {
    /// Applies the pending migrations in order, each in its own write
    /// transaction together with its `schema_migrations` row, so a failing
    /// migration leaves nothing of itself. Returns the versions applied
    /// (empty when up to date). Throws `MigrationError` when the history does
    /// not match (nothing is applied then), or the `StorageError` of a failing
    /// migration (earlier ones stay applied).
    @discardableResult
    public static func migrate(_ database: Database, _ migrations: [Migration]) throws -> [Int] {
        for (previous, next) in zip(migrations, migrations.dropFirst()) where next.version <= previous.version {
            throw MigrationError.versionsNotIncreasing(previous: previous.version, next: next.version)
        }
        try database.write { connection in
            try connection.executeScript("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    checksum TEXT NOT NULL
                )
                """)
        }
        var applied: [Int] = []
        for migration in migrations {
            let didApply = try database.write { connection -> Bool in
                // Checked inside each write so another process migrating at the same time
                // cannot make us apply a version twice or skip a mismatch.
                let recorded = try recordedChecksums(connection)
                try check(recorded, against: migrations)
                if recorded[migration.version] != nil { return false }
                try connection.executeScript(migration.sql)
                try connection.execute(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at, checksum)
                    VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?)
                    """,
                    [migration.version, migration.name, migration.checksum])
                return true
            }
            if didApply { applied.append(migration.version) }
        }
        if migrations.isEmpty {
            // Still refuse a database that is ahead of a build with no migrations.
            try database.read { try check(recordedChecksums($0), against: migrations) }
        }
        return applied
    }

    /// The versions recorded in `schema_migrations`, ascending (empty for a new database).
    public static func appliedVersions(_ database: Database) throws -> [Int] {
        try database.read { connection in
            guard try hasMigrationsTable(connection) else { return [] }
            return try connection.query("SELECT version FROM schema_migrations ORDER BY version")
                .compactMap { $0.int(0).map(Int.init) }
        }
    }

    private static func hasMigrationsTable(_ connection: Connection) throws -> Bool {
        try connection.queryOne(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") != nil
    }

    private static func recordedChecksums(_ connection: Connection) throws -> [Int: (name: String, checksum: String)] {
        guard try hasMigrationsTable(connection) else { return [:] }
        var recorded: [Int: (name: String, checksum: String)] = [:]
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations") {
            guard let version = row.int("version") else { continue }
            recorded[Int(version)] = (row.string("name") ?? "", row.string("checksum") ?? "")
        }
        return recorded
    }

    private static func check(_ recorded: [Int: (name: String, checksum: String)], against migrations: [Migration]) throws {
        let newestKnown = migrations.last?.version ?? 0
        if let newestRecorded = recorded.keys.max(), newestRecorded > newestKnown {
            throw MigrationError.databaseNewerThanKnown(databaseVersion: newestRecorded, newestKnown: newestKnown)
        }
        let known = Dictionary(migrations.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        for (version, entry) in recorded.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else {
                throw MigrationError.unknownRecordedVersion(version)
            }
            if migration.checksum != entry.checksum {
                throw MigrationError.checksumMismatch(
                    version: version, name: migration.name, recorded: entry.checksum, given: migration.checksum)
            }
        }
    }
}
