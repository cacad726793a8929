import CareCore

/// An active member of a patient's care team.
public struct CareTeamMember: Sendable, Equatable {
    public let userID: Int64
    public let displayName: String
    public let role: Role
    public let isLead: Bool
    public let startedAt: String
}

/// A break-glass access as supervisors review it.
public struct BreakGlassRecord: Sendable, Equatable {
    public let id: Int64
    public let userID: Int64
    public let username: String
    public let patientID: String
    public let patientName: String
    public let reason: String
    public let createdAt: Double
    public let expiresAt: Double
}

/// Care-team links between users and patients, and break-glass grants outside them.
public struct CareTeamRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Whether the user is on the patient's active care team.
    public func isMember(userID: Int64, patientRowID: Int64) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM care_team_members WHERE user_id = ? AND patient_id = ? AND ended_at IS NULL",
                                [userID, patientRowID]) != nil
    }

    public func members(patientRowID: Int64) throws -> [CareTeamMember] {
        try connection.query("""
            SELECT c.user_id, c.is_lead, c.started_at, u.display_name, u.role FROM care_team_members c JOIN users u ON u.id = c.user_id
            WHERE c.patient_id = ? AND c.ended_at IS NULL ORDER BY c.is_lead DESC, u.display_name
            """, [patientRowID]).map { row in
            CareTeamMember(userID: row.int("user_id") ?? 0, displayName: row.string("display_name") ?? "",
                           role: Role(rawValue: row.string("role") ?? "") ?? .partner, isLead: row.bool("is_lead") ?? false,
                           startedAt: row.string("started_at") ?? "")
        }
    }

    /// Adds the user to the care team (no-op when already a member).
    public func add(organizationID: Int64, patientRowID: Int64, userID: Int64, isLead: Bool, now: String) throws {
        guard try !isMember(userID: userID, patientRowID: patientRowID) else { return }
        try connection.execute("""
            INSERT INTO care_team_members (organization_id, patient_id, user_id, is_lead, started_at) VALUES (?, ?, ?, ?, ?)
            """, [organizationID, patientRowID, userID, isLead, now])
    }

    /// Ends the user's membership, keeping the history.
    public func remove(patientRowID: Int64, userID: Int64, now: String) throws {
        try connection.execute("UPDATE care_team_members SET ended_at = ? WHERE patient_id = ? AND user_id = ? AND ended_at IS NULL",
                               [now, patientRowID, userID])
    }

    // MARK: Break-glass

    public func grantBreakGlass(organizationID: Int64, userID: Int64, patientRowID: Int64, reason: String, now: Double, expiresAt: Double) throws {
        try connection.execute("""
            INSERT INTO break_glass_grants (organization_id, user_id, patient_id, reason, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
            """, [organizationID, userID, patientRowID, reason, now, expiresAt])
    }

    public func hasActiveGrant(userID: Int64, patientRowID: Int64, now: Double) throws -> Bool {
        try connection.queryOne("SELECT 1 FROM break_glass_grants WHERE user_id = ? AND patient_id = ? AND expires_at > ?",
                                [userID, patientRowID, now]) != nil
    }

    /// Break-glass accesses of an organization, newest first.
    public func breakGlassLog(organizationID: Int64, limit: Int) throws -> [BreakGlassRecord] {
        try connection.query("""
            SELECT g.*, u.username, p.public_id, p.given_name, p.family_name FROM break_glass_grants g
            JOIN users u ON u.id = g.user_id JOIN patients p ON p.id = g.patient_id
            WHERE g.organization_id = ? ORDER BY g.created_at DESC, g.id DESC LIMIT ?
            """, [organizationID, limit]).map { row in
            BreakGlassRecord(id: row.int("id") ?? 0, userID: row.int("user_id") ?? 0, username: row.string("username") ?? "",
                             patientID: row.string("public_id") ?? "",
                             patientName: "\(row.string("family_name") ?? ""), \(row.string("given_name") ?? "")",
                             reason: row.string("reason") ?? "", createdAt: row.double("created_at") ?? 0, expiresAt: row.double("expires_at") ?? 0)
        }
    }
}
