/// A login name: 3–64 characters of lowercase letters, digits, `.`, `_`, `-`, starting with a letter or digit.
public struct Username: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        let v = raw.lowercased()
        let bytes = Array(v.utf8)
        guard (3...64).contains(bytes.count), let first = bytes.first, Username.isAlnum(first) else { return nil }
        for b in bytes where !(Username.isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")) {
            return nil
        }
        value = v
    }

    public var description: String { value }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
    }
}

/// Password rules (ASVS 5.0 V6.2: at least 12 characters, at most 128, no composition rules).
public enum PasswordRule {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// A reason the password is not acceptable, or nil when it is.
    public static func problem(with password: String) -> String? {
        let n = password.count
        if n < minimumLength { return "must be at least \(minimumLength) characters" }
        if n > maximumLength { return "must be at most \(maximumLength) characters" }
        return nil
    }
}
