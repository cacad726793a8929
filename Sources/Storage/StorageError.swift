import CSQLite

/// An error reported by SQLite (or by this module's misuse checks, which use
/// SQLite's own codes such as `SQLITE_MISUSE`), carrying the codes needed to
/// decide what to do and the statement for logs.
///
/// Callers switch on the family: `isUniqueViolation` becomes a 409 or a field
/// error, `isBusy` may be retried, anything else is a 500.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// Primary result code (`extendedCode & 0xff`), e.g. `SQLITE_CONSTRAINT`.
    public let code: Int32
    /// Extended result code, e.g. `SQLITE_CONSTRAINT_UNIQUE`.
    public let extendedCode: Int32
    /// SQLite's message (`sqlite3_errmsg`) or this module's explanation.
    public let message: String
    /// The statement that failed, for logs. Never show it to end users.
    public let sql: String?

    /// Creates an error from an extended result code.
    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.code = extendedCode & 0xff
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// Any constraint failure (UNIQUE, FOREIGN KEY, CHECK, NOT NULL, PRIMARY KEY, trigger RAISE).
    public var isConstraintViolation: Bool { code == SQLITE_CONSTRAINT }
    /// A UNIQUE or PRIMARY KEY constraint failed: the row already exists.
    public var isUniqueViolation: Bool {
        extendedCode == Self.constraintUnique || extendedCode == Self.constraintPrimaryKey
    }
    /// A FOREIGN KEY constraint failed: the referenced row is missing or still referenced.
    public var isForeignKeyViolation: Bool { extendedCode == Self.constraintForeignKey }
    /// The database was locked by another connection for longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// This module was used against its contract (nested write, closed database, wrong argument count).
    public var isMisuse: Bool { code == SQLITE_MISUSE || code == SQLITE_RANGE }

    // Extended codes are `(SQLITE_CONSTRAINT | (n<<8))` macros, which Swift does not import
    // (values from sqlite3.h).
    private static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    private static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    private static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)

    /// A one-line description for logs, including the statement.
    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql { text += " — in: \(sql)" }
        return text
    }

    /// A programmer error detected by this module.
    static func misuse(_ message: String, sql: String? = nil) -> StorageError {
        StorageError(extendedCode: SQLITE_MISUSE, message: message, sql: sql)
    }

    /// The last error recorded on a connection handle.
    static func from(_ handle: OpaquePointer?, _ result: Int32, sql: String?) -> StorageError {
        let message: String
        if let handle, let text = sqlite3_errmsg(handle) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(result) {
            message = String(cString: text)
        } else {
            message = "unknown error"
        }
        let extended = handle.map { sqlite3_extended_errcode($0) } ?? result
        // errmsg/extended_errcode describe the most recent failing call, which is
        // this one only if its primary code agrees; otherwise trust `result`.
        let code = (extended & 0xff) == (result & 0xff) ? extended : result
        return StorageError(extendedCode: code, message: message, sql: sql)
    }
}
