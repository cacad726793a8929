/// A value as SQLite stores it: one of its five storage classes.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// A 64-bit signed integer.
    case integer(Int64)
    /// An IEEE 754 double.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])

    /// Whether this is SQL NULL.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A Swift value that can be bound as a statement argument.
public protocol SQLConvertible {
    /// The value to bind.
    var sqlValue: SQLValue { get }
}

extension SQLValue: SQLConvertible {
    /// The value itself.
    public var sqlValue: SQLValue { self }
}

extension Int: SQLConvertible {
    /// Bound as an integer.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Int64: SQLConvertible {
    /// Bound as an integer.
    public var sqlValue: SQLValue { .integer(self) }
}

extension Int32: SQLConvertible {
    /// Bound as an integer.
    public var sqlValue: SQLValue { .integer(Int64(self)) }
}

extension Double: SQLConvertible {
    /// Bound as a real.
    public var sqlValue: SQLValue { .real(self) }
}

extension String: SQLConvertible {
    /// Bound as text.
    public var sqlValue: SQLValue { .text(self) }
}

extension Substring: SQLConvertible {
    /// Bound as text.
    public var sqlValue: SQLValue { .text(String(self)) }
}

extension Bool: SQLConvertible {
    /// Bound as the integer 1 (true) or 0 (false), SQLite's own convention.
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
}

extension Array: SQLConvertible where Element == UInt8 {
    /// Bound as a blob.
    public var sqlValue: SQLValue { .blob(self) }
}

extension Optional: SQLConvertible where Wrapped: SQLConvertible {
    /// The wrapped value, or NULL for `nil`.
    public var sqlValue: SQLValue {
        switch self {
        case .none: return .null
        case .some(let wrapped): return wrapped.sqlValue
        }
    }
}
