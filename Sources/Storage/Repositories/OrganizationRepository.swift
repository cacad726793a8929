import CareCore

/// An organization (tenant) as stored.
public struct OrganizationRecord: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let timezone: String
}

/// Organizations: the tenants every other row belongs to.
public struct OrganizationRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    public func insert(name: String, timezone: String, now: String) throws -> Int64 {
        try connection.execute("INSERT INTO organizations (name, timezone, created_at) VALUES (?, ?, ?)", [name, timezone, now])
        return connection.lastInsertRowID
    }

    public func find(name: String) throws -> OrganizationRecord? {
        try connection.queryOne("SELECT * FROM organizations WHERE name = ?", [name]).map(Self.record)
    }

    public func find(id: Int64) throws -> OrganizationRecord? {
        try connection.queryOne("SELECT * FROM organizations WHERE id = ?", [id]).map(Self.record)
    }

    public func all() throws -> [OrganizationRecord] {
        try connection.query("SELECT * FROM organizations ORDER BY name").map(Self.record)
    }

    static func record(_ row: Row) -> OrganizationRecord {
        OrganizationRecord(id: row.int("id") ?? 0, name: row.string("name") ?? "", timezone: row.string("timezone") ?? "UTC")
    }
}
