/// An ICD-10-CM diagnosis code in the dot-less form of the CMS mappings (`E1122`), packed into one
/// integer so that table look-ups hash a `UInt64` instead of a `String`.
///
/// Byte `i` of `rawValue` holds character `i` (ASCII `A`-`Z`, `0`-`9`); unused bytes are zero. Codes have
/// 1 to 7 characters (ICD-10-CM codes are 3 to 7).
public struct ICD10Code: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The packed characters; never 0.
    public let rawValue: UInt64

    /// The longest code: ICD-10-CM codes have at most 7 characters.
    public static let maximumLength = 7

    /// Parses a code the way the CMS software reads one: case-insensitive, dots ignored.
    /// Returns nil for anything that cannot be an ICD-10 code (empty, longer than 7, other characters);
    /// such a code maps to nothing in every model.
    public init?(_ text: String) {
        var bytes = Array(text.utf8)
        let parsed: ICD10Code? = bytes.withUnsafeMutableBufferPointer { ICD10Code(bytes: UnsafeBufferPointer($0)) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses the bytes of a code (see `init?(_:)`).
    @inlinable
    public init?(bytes: UnsafeBufferPointer<UInt8>) {
        var raw: UInt64 = 0
        var length = 0
        for var byte in bytes {
            if byte == UInt8(ascii: ".") { continue }
            if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte -= 32 }
            let isLetter = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isLetter || isDigit, length < ICD10Code.maximumLength else { return nil }
            raw |= UInt64(byte) << (8 * UInt64(length))
            length += 1
        }
        guard length > 0 else { return nil }
        rawValue = raw
    }

    /// Wraps an already packed value (from `rawValue`).
    @inlinable
    public init?(rawValue: UInt64) {
        guard rawValue != 0 else { return nil }
        self.rawValue = rawValue
    }

    /// Number of characters.
    @inlinable
    public var length: Int { 8 - rawValue.leadingZeroBitCount / 8 }

    /// The packed first `count` characters (for prefix tables such as Quan's).
    @inlinable
    public func packedPrefix(_ count: Int) -> UInt64 {
        count >= 8 ? rawValue : rawValue & ((1 << (8 * UInt64(count))) - 1)
    }

    /// The code as text, e.g. `E1122`.
    public var description: String {
        var bytes: [UInt8] = []
        var raw = rawValue
        while raw != 0 {
            bytes.append(UInt8(truncatingIfNeeded: raw))
            raw >>= 8
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Alphabetical order of the code text.
    public static func < (lhs: ICD10Code, rhs: ICD10Code) -> Bool {
        lhs.rawValue.byteSwapped < rhs.rawValue.byteSwapped
    }

    /// Appends the code's characters to `buffer` (for writers that avoid `String`).
    @inlinable
    public func appendText(to buffer: inout [UInt8]) {
        var raw = rawValue
        while raw != 0 {
            buffer.append(UInt8(truncatingIfNeeded: raw))
            raw >>= 8
        }
    }
}
