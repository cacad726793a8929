/// A stored row that does not hold what the schema promises (hand-edited or corrupted database).
public enum RepositoryError: Error, Sendable, CustomStringConvertible {
    case corruptRow(String)

    public var description: String {
        switch self {
        case .corruptRow(let what): "corrupt row: \(what)"
        }
    }
}

extension SQLValue {
    /// The value as an integer when it is one.
    var int64Value: Int64? {
        if case .integer(let n) = self { return n }
        return nil
    }
}
