/// A login session as stored: the hash of its id, never the id itself.
public struct SessionRecord: Sendable, Equatable {
    public let idHash: String
    public let userID: Int64
    public let csrfToken: String
    public let createdAt: Double
    public let lastSeenAt: Double
}

/// Server-side login sessions.
public struct SessionRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func insert(idHash: String, userID: Int64, csrfToken: String, now: Double, clientAddress: String) throws {
        try connection.execute("""
            INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, client_address) VALUES (?, ?, ?, ?, ?, ?)
            """, [idHash, userID, csrfToken, now, now, clientAddress])
    }

    public func find(idHash: String) throws -> SessionRecord? {
        try connection.queryOne("SELECT * FROM sessions WHERE id_hash = ?", [idHash]).map { row in
            SessionRecord(idHash: row.string("id_hash") ?? "", userID: row.int("user_id") ?? 0, csrfToken: row.string("csrf_token") ?? "",
                          createdAt: row.double("created_at") ?? 0, lastSeenAt: row.double("last_seen_at") ?? 0)
        }
    }

    public func touch(idHash: String, now: Double) throws {
        try connection.execute("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?", [now, idHash])
    }

    public func delete(idHash: String) throws {
        try connection.execute("DELETE FROM sessions WHERE id_hash = ?", [idHash])
    }

    /// Ends every session of a user (role change, password change, disabling).
    public func deleteAll(userID: Int64) throws {
        try connection.execute("DELETE FROM sessions WHERE user_id = ?", [userID])
    }

    /// Removes sessions idle since before `idleBefore` or created before `createdBefore`.
    public func deleteExpired(idleBefore: Double, createdBefore: Double) throws {
        try connection.execute("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?", [idleBefore, createdBefore])
    }
}
