import CareCore

/// A user account as stored (the password hash stays inside `CareServices`).
public struct UserRecord: Sendable, Equatable {
    public let id: Int64
    public let organizationID: Int64
    public let username: String
    public let displayName: String
    public let role: Role
    public let passwordHash: String
    public let disabled: Bool

    public var principal: Principal {
        Principal(userID: id, username: username, displayName: displayName, organizationID: organizationID, role: role)
    }
}

/// User accounts, API tokens and failed-login counters.
public struct UserRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func insert(organizationID: Int64, username: String, displayName: String, role: Role, passwordHash: String, now: String) throws -> Int64 {
        try connection.execute("""
            INSERT INTO users (organization_id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [organizationID, username, displayName, role.rawValue, passwordHash, now])
        return connection.lastInsertRowID
    }

    public func find(username: String) throws -> UserRecord? {
        try connection.queryOne("SELECT * FROM users WHERE username = ?", [username]).map(Self.record)
    }

    public func find(id: Int64) throws -> UserRecord? {
        try connection.queryOne("SELECT * FROM users WHERE id = ?", [id]).map(Self.record)
    }

    /// Users of one organization, by role then name.
    public func list(organizationID: Int64) throws -> [UserRecord] {
        try connection.query("SELECT * FROM users WHERE organization_id = ? ORDER BY role, display_name", [organizationID]).map(Self.record)
    }

    public func setRole(userID: Int64, role: Role) throws {
        try connection.execute("UPDATE users SET role = ? WHERE id = ?", [role.rawValue, userID])
    }

    public func setDisabled(userID: Int64, _ disabled: Bool) throws {
        try connection.execute("UPDATE users SET disabled = ? WHERE id = ?", [disabled, userID])
    }

    /// Revokes every live API token of a user; returns how many.
    public func revokeTokens(userID: Int64, now: String) throws -> Int {
        try connection.execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", [now, userID])
        return connection.changes
    }

    public func setPasswordHash(userID: Int64, hash: String) throws {
        try connection.execute("UPDATE users SET password_hash = ? WHERE id = ?", [hash, userID])
    }

    // MARK: API tokens (only the SHA-256 of a token is stored)

    public func insertToken(userID: Int64, tokenHash: String, now: String) throws {
        try connection.execute("INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES (?, ?, ?)", [userID, tokenHash, now])
    }

    /// The enabled user owning an unrevoked token with this hash.
    public func findByToken(hash: String) throws -> UserRecord? {
        try connection.queryOne("""
            SELECT u.* FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0
            """, [hash]).map(Self.record)
    }

    // MARK: Failed logins

    public func recordLoginFailure(username: String, clientAddress: String, at: Double) throws {
        try connection.execute("INSERT INTO login_failures (username, client_address, at) VALUES (?, ?, ?)", [username, clientAddress, at])
    }

    /// Failures for this account and from this address since `since` (unix seconds).
    public func loginFailures(username: String, clientAddress: String, since: Double) throws -> (account: Int, address: Int) {
        let account = try connection.scalar("SELECT COUNT(*) FROM login_failures WHERE username = ? AND at >= ?", [username, since])
        let address = try connection.scalar("SELECT COUNT(*) FROM login_failures WHERE client_address = ? AND at >= ?", [clientAddress, since])
        return (Int(account.int64Value ?? 0), Int(address.int64Value ?? 0))
    }

    /// Forgets failures older than `before` (they no longer count towards any throttle).
    public func forgetLoginFailures(before: Double) throws {
        try connection.execute("DELETE FROM login_failures WHERE at < ?", [before])
    }

    /// Forgets an account's failures after a successful login.
    public func clearLoginFailures(username: String) throws {
        try connection.execute("DELETE FROM login_failures WHERE username = ?", [username])
    }

    static func record(_ row: Row) -> UserRecord {
        UserRecord(id: row.int("id") ?? 0, organizationID: row.int("organization_id") ?? 0, username: row.string("username") ?? "",
                   displayName: row.string("display_name") ?? "", role: Role(rawValue: row.string("role") ?? "") ?? .partner,
                   passwordHash: row.string("password_hash") ?? "", disabled: row.bool("disabled") ?? true)
    }
}
