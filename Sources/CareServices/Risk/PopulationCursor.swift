import Storage

/// One query ordered by FHIR patient id (column 0), stepped alongside the others of the population read:
/// the current row's patient id is kept as bytes so the cursors can be merged by byte order (SQLite's
/// BINARY collation).
final class PopulationCursor {
    let statement: RawStatement
    /// The current row's patient id; meaningful while `hasRow`.
    private(set) var key: [UInt8] = []
    private(set) var hasRow = false

    /// Prepares `sql` (its `?1` is the organization), binds and steps to the first row.
    init(_ connection: Connection, _ sql: String, organizationID: Int64, extra: [Int64] = []) throws {
        statement = try RawStatement(connection, sql)
        try statement.bind(1, organizationID)
        for (offset, value) in extra.enumerated() { try statement.bind(Int32(offset + 2), value) }
        key.reserveCapacity(64)
        try advance()
    }

    /// Steps to the next row.
    func advance() throws {
        hasRow = try statement.step()
        key.removeAll(keepingCapacity: true)
        if hasRow { key.append(contentsOf: statement.bytes(0)) }
    }

    /// Skips rows whose patient id sorts before `id` (orphans: rows of a patient without a registry row),
    /// then tells whether the current row belongs to `id`.
    func isAt(_ id: [UInt8]) throws -> Bool {
        while hasRow && key.lexicographicallyPrecedes(id) { try advance() }
        return hasRow && key == id
    }
}
