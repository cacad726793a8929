import CareCore
import Foundation
import Security
import Storage

/// A freshly created login session; `id` goes into the cookie and is never stored as is.
public struct NewSession: Sendable {
    public let id: String
    public let csrfToken: String
    public let principal: Principal
}

/// An authenticated session: who it belongs to and its CSRF token.
public struct ActiveSession: Sendable {
    public let principal: Principal
    public let csrfToken: String
}

/// Logins, logouts, sessions and API tokens.
public struct AuthService: Sendable {
    let environment: ServiceEnvironment

    /// A hash to verify against when the username is unknown, so that both paths take as long.
    private static let decoyHash = (try? PasswordHasher().hash("decoy password that never matches")) ?? ""

    /// Checks the password and opens a new session. Every attempt is audited; failures count
    /// towards the per-account and per-address throttle.
    public func login(username rawUsername: String, password: String, clientAddress: String, requestID: String) throws -> NewSession {
        let env = environment
        // No username is longer than 64 characters (`Username`); anything longer is stored cut, so a
        // flood of huge names cannot grow the append-only audit log. Passwords over 1024 characters
        // are never hashed.
        let typed = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let username = typed.count > 64 ? String(typed.prefix(64)) + "…" : typed
        let plausible = typed.count <= 64 && password.utf8.count <= 1024
        let now = env.clock.now().timeIntervalSince1970
        let (user, failures) = try env.database.read { conn in
            (try UserRepository(conn).find(username: username),
             try UserRepository(conn).loginFailures(username: username, clientAddress: clientAddress, since: now - env.loginThrottle.window))
        }
        let locked = env.loginThrottle.isLocked(accountFailures: failures.account, addressFailures: failures.address)
        // Password hashing runs outside the write lock: it takes tens of milliseconds by design.
        let passwordMatches = !locked && plausible && env.passwordHasher.verify(password, encoded: user?.passwordHash ?? Self.decoyHash)
        let succeeded = passwordMatches && user != nil && user?.disabled == false

        return try env.transaction { conn in
            let users = UserRepository(conn)
            guard succeeded, let user else {
                // Attempts refused while locked are audited but do not extend the lock: otherwise one
                // guess every 15 minutes would keep an account locked for ever.
                if !locked { try users.recordLoginFailure(username: username, clientAddress: clientAddress, at: now) }
                try env.audit.recordAnonymous(.loginFailed, locked ? .denied : .failure, organizationID: user?.organizationID ?? 0,
                                              userID: user?.id, username: username, role: user?.role.rawValue ?? "",
                                              clientAddress: clientAddress, requestID: requestID,
                                              detail: Self.failureReason(locked: locked, user: user),
                                              on: conn)
                return .failure(locked ? .throttled : .invalidCredentials)
            }
            try users.clearLoginFailures(username: username)
            // Housekeeping rides on logins: expired sessions and failures older than the throttle window go.
            try SessionRepository(conn).deleteExpired(idleBefore: now - env.sessionPolicy.idleTimeout,
                                                      createdBefore: now - env.sessionPolicy.absoluteLifetime)
            try users.forgetLoginFailures(before: now - env.loginThrottle.window)
            if env.passwordHasher.needsRehash(user.passwordHash), let upgraded = try? env.passwordHasher.hash(password) {
                try users.setPasswordHash(userID: user.id, hash: upgraded)
            }
            let sessionID = SecureRandom.token(byteCount: 32)
            let csrf = SecureRandom.token(byteCount: 32)
            try SessionRepository(conn).insert(idHash: Self.hashOf(sessionID), userID: user.id, csrfToken: csrf, now: now, clientAddress: clientAddress)
            let context = RequestContext(principal: user.principal, clientAddress: clientAddress, requestID: requestID)
            try env.audit.record(.login, by: context, on: conn)
            return .success(NewSession(id: sessionID, csrfToken: csrf, principal: user.principal))
        }
    }

    /// The session behind a cookie value, or `unauthenticated` when it is unknown, expired or its user disabled.
    /// Expired sessions are deleted. `lastSeen` is written at most once a minute to keep page views cheap,
    /// so the idle time-out is exact to within that minute.
    public func session(id: String) throws -> ActiveSession {
        let env = environment
        let hash = Self.hashOf(id)
        let now = env.clock.now()
        let found: (SessionRecord, UserRecord)? = try env.database.read { conn in
            guard let s = try SessionRepository(conn).find(idHash: hash), let u = try UserRepository(conn).find(id: s.userID) else { return nil }
            return (s, u)
        }
        guard let (session, user) = found else { throw ServiceError.unauthenticated }
        let valid = env.sessionPolicy.isValid(created: Date(timeIntervalSince1970: session.createdAt),
                                             lastSeen: Date(timeIntervalSince1970: session.lastSeenAt), now: now)
        if !valid || user.disabled {
            try env.database.write { try SessionRepository($0).delete(idHash: hash) }
            throw ServiceError.unauthenticated
        }
        if now.timeIntervalSince1970 - session.lastSeenAt >= 60 {
            try env.database.write { try SessionRepository($0).touch(idHash: hash, now: now.timeIntervalSince1970) }
        }
        return ActiveSession(principal: user.principal, csrfToken: session.csrfToken)
    }

    /// Ends a session (logout): the id stops working at once.
    public func logout(sessionID: String, clientAddress: String, requestID: String) throws {
        let env = environment
        let active = try? session(id: sessionID)
        try env.database.write { conn in
            try SessionRepository(conn).delete(idHash: Self.hashOf(sessionID))
            if let active {
                try env.audit.record(.logout, by: RequestContext(principal: active.principal, clientAddress: clientAddress, requestID: requestID), on: conn)
            }
        }
    }

    /// The user behind an API bearer token.
    public func principal(forToken token: String) throws -> Principal {
        guard let user = try environment.database.read({ try UserRepository($0).findByToken(hash: Self.hashOf(token)) }) else {
            throw ServiceError.unauthenticated
        }
        return user.principal
    }

    /// Creates an API token for a user and returns it; only its hash is stored.
    public func createToken(username: String) throws -> String {
        let env = environment
        let token = "tend_" + SecureRandom.token(byteCount: 32)
        try env.transaction { conn -> Result<Void, ServiceError> in
            guard let user = try UserRepository(conn).find(username: username.lowercased()) else {
                return .failure(.notFound("no user named \(username)"))
            }
            try UserRepository(conn).insertToken(userID: user.id, tokenHash: Self.hashOf(token), now: Timestamp.string(env.clock.now()))
            try env.audit.recordOperator(.tokenCreate, organizationID: user.organizationID, resourceType: "User", resourceID: user.username,
                                         detail: "API token for \(user.username)", on: conn)
            return .success(())
        }
        return token
    }

    static func failureReason(locked: Bool, user: UserRecord?) -> String {
        if locked { return "throttled" }
        guard let user else { return "unknown username" }
        return user.disabled ? "account disabled" : "wrong password"
    }

    static func hashOf(_ secret: String) -> String { Digest.sha256Hex(Array(secret.utf8)) }
}
