import CareCore

/// One audit row with its place in its organization's hash chain.
public struct AuditRow: Sendable, Equatable {
    public var id: Int64 = 0
    public var organizationID: Int64
    public var seq: Int64 = 0
    public var at: String
    public var userID: Int64?
    public var username: String
    public var role: String
    public var action: String
    public var outcome: String
    public var patientID: String
    public var resourceType: String
    public var resourceID: String
    public var clientAddress: String
    public var requestID: String
    public var detail: String
    public var prevHash: String = ""
    public var hash: String = ""

    public init(organizationID: Int64, at: String, userID: Int64?, username: String, role: String, action: String, outcome: String,
                patientID: String, resourceType: String, resourceID: String, clientAddress: String, requestID: String, detail: String) {
        self.organizationID = organizationID
        self.at = at
        self.userID = userID
        self.username = username
        self.role = role
        self.action = action
        self.outcome = outcome
        self.patientID = patientID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.clientAddress = clientAddress
        self.requestID = requestID
        self.detail = detail
    }
}

/// Filters for the audit page; empty fields do not filter.
public struct AuditFilter: Sendable, Equatable {
    public var username = ""
    public var patientID = ""
    /// Inclusive bounds on the UTC timestamp text (`2026-11-30` works as a prefix bound).
    public var from = ""
    public var to = ""
    public var limit = 100
    /// Rows with an id below this one (keyset paging, newest first).
    public var beforeID: Int64?

    public init(username: String = "", patientID: String = "", from: String = "", to: String = "", limit: Int = 100, beforeID: Int64? = nil) {
        self.username = username
        self.patientID = patientID
        self.from = from
        self.to = to
        self.limit = limit
        self.beforeID = beforeID
    }
}

/// The append-only audit table. Rows are only ever inserted (the database refuses UPDATE and DELETE).
public struct AuditRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// The last link of an organization's chain: (seq, hash), or (0, "") for an empty chain.
    public func lastLink(organizationID: Int64) throws -> (seq: Int64, hash: String) {
        guard let row = try connection.queryOne("SELECT seq, hash FROM audit_events WHERE organization_id = ? ORDER BY seq DESC LIMIT 1",
                                                [organizationID]) else { return (0, "") }
        return (row.int("seq") ?? 0, row.string("hash") ?? "")
    }

    public func insert(_ r: AuditRow) throws {
        try connection.execute("""
            INSERT INTO audit_events (organization_id, seq, at, user_id, username, role, action, outcome, patient_id, resource_type,
                                      resource_id, client_address, request_id, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [r.organizationID, r.seq, r.at, r.userID, r.username, r.role, r.action, r.outcome, r.patientID, r.resourceType,
                  r.resourceID, r.clientAddress, r.requestID, r.detail, r.prevHash, r.hash])
    }

    /// Rows of one organization matching the filter, newest first.
    public func list(organizationID: Int64, filter: AuditFilter) throws -> [AuditRow] {
        var sql = "SELECT * FROM audit_events WHERE organization_id = ?"
        var args: [any SQLConvertible] = [organizationID]
        if !filter.username.isEmpty { sql += " AND username = ?"; args.append(filter.username) }
        if !filter.patientID.isEmpty { sql += " AND patient_id = ?"; args.append(filter.patientID) }
        if !filter.from.isEmpty { sql += " AND at >= ?"; args.append(filter.from) }
        if !filter.to.isEmpty { sql += " AND at < ?"; args.append(filter.to + "\u{10FFFF}") }
        if let before = filter.beforeID { sql += " AND id < ?"; args.append(before) }
        sql += " ORDER BY id DESC LIMIT ?"
        args.append(max(1, min(filter.limit, 1000)))
        return try connection.query(sql, args).map(Self.row)
    }

    /// Every organization id that has audit rows (the chains to verify).
    public func chainOrganizations() throws -> [Int64] {
        try connection.query("SELECT DISTINCT organization_id FROM audit_events ORDER BY organization_id").compactMap { $0.int(0) }
    }

    /// Walks one organization's chain in order.
    public func forEachInChain(organizationID: Int64, _ body: (AuditRow) throws -> Void) throws {
        try connection.forEachRow("SELECT * FROM audit_events WHERE organization_id = ? ORDER BY seq", [organizationID]) { try body(Self.row($0)) }
    }

    static func row(_ row: Row) -> AuditRow {
        var r = AuditRow(organizationID: row.int("organization_id") ?? 0, at: row.string("at") ?? "", userID: row.int("user_id"),
                         username: row.string("username") ?? "", role: row.string("role") ?? "", action: row.string("action") ?? "",
                         outcome: row.string("outcome") ?? "", patientID: row.string("patient_id") ?? "",
                         resourceType: row.string("resource_type") ?? "", resourceID: row.string("resource_id") ?? "",
                         clientAddress: row.string("client_address") ?? "", requestID: row.string("request_id") ?? "",
                         detail: row.string("detail") ?? "")
        r.id = row.int("id") ?? 0
        r.seq = row.int("seq") ?? 0
        r.prevHash = row.string("prev_hash") ?? ""
        r.hash = row.string("hash") ?? ""
        return r
    }
}
