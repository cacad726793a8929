/// Column names of one result set, shared by all its rows so that a row is
/// just an array of values.
final class ColumnLayout: Sendable {
    let names: [String]
    /// Lower-cased name → first index with that name (SQLite names are case-insensitive).
    private let indexByName: [String: Int]

    init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = position
        }
        indexByName = index
    }

    func index(of name: String) -> Int? {
        indexByName[name] ?? indexByName[name.lowercased()]
    }
}

/// One row of a query result: its values in column order plus the column names.
///
/// Lookups never trap: an unknown column name or an index out of range reads
/// as `.null` (and the typed accessors as `nil`); use ``hasColumn(_:)`` where
/// the difference matters.
public struct Row: Sendable {
    /// The values in column order.
    public let values: [SQLValue]
    let layout: ColumnLayout

    init(values: [SQLValue], layout: ColumnLayout) {
        self.values = values
        self.layout = layout
    }

    /// The column names in order, as SQLite reports them (the `AS` alias when given).
    public var columnNames: [String] { layout.names }

    /// Whether the result has a column of this name (case-insensitive).
    public func hasColumn(_ column: String) -> Bool { layout.index(of: column) != nil }

    /// The value at a column position, or `.null` when out of range.
    public subscript(_ index: Int) -> SQLValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The value of a named column (case-insensitive), or `.null` when there is none.
    public subscript(_ column: String) -> SQLValue {
        guard let index = layout.index(of: column) else { return .null }
        return values[index]
    }

    /// An integer column; a real with an exact integer value also converts.
    public func int(_ column: String) -> Int64? { Self.int(self[column]) }
    /// A text column.
    public func string(_ column: String) -> String? { Self.string(self[column]) }
    /// A real column; an integer also converts.
    public func double(_ column: String) -> Double? { Self.double(self[column]) }
    /// A blob column.
    public func blob(_ column: String) -> [UInt8]? { Self.blob(self[column]) }
    /// An integer column read as a boolean (0 is false, anything else true).
    public func bool(_ column: String) -> Bool? { Self.int(self[column]).map { $0 != 0 } }

    /// An integer column by position; a real with an exact integer value also converts.
    public func int(_ index: Int) -> Int64? { Self.int(self[index]) }
    /// A text column by position.
    public func string(_ index: Int) -> String? { Self.string(self[index]) }
    /// A real column by position; an integer also converts.
    public func double(_ index: Int) -> Double? { Self.double(self[index]) }
    /// A blob column by position.
    public func blob(_ index: Int) -> [UInt8]? { Self.blob(self[index]) }
    /// An integer column by position read as a boolean (0 is false, anything else true).
    public func bool(_ index: Int) -> Bool? { Self.int(self[index]).map { $0 != 0 } }

    private static func int(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v)
        default: return nil
        }
    }

    private static func string(_ value: SQLValue) -> String? {
        if case .text(let v) = value { return v }
        return nil
    }

    private static func double(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }

    private static func blob(_ value: SQLValue) -> [UInt8]? {
        if case .blob(let v) = value { return v }
        return nil
    }
}
