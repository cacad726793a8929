// Character classes of RFC 9110 §5.6.2 (tchar) and §5.5 (field-vchar), as byte predicates.

enum ASCII {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let comma: UInt8 = 0x2C
}

private let tcharTable: [Bool] = (0..<256).map { b in
    switch UInt8(b) {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "A")...UInt8(ascii: "Z"):
        return true
    default:
        return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(b))
    }
}

/// tchar: a byte allowed in a method or header name.
@inline(__always) func isTokenByte(_ byte: UInt8) -> Bool { tcharTable[Int(byte)] }

/// field-vchar / SP / HTAB / obs-text: a byte allowed inside a field value.
@inline(__always) func isFieldValueByte(_ byte: UInt8) -> Bool {
    byte >= 0x20 ? byte != 0x7F : byte == ASCII.tab
}

/// A visible ASCII byte: what a request-target may hold (RFC 3986 is stricter; we refuse only
/// what could confuse framing or logs).
@inline(__always) func isTargetByte(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

@inline(__always) func isWhitespace(_ byte: UInt8) -> Bool { byte == ASCII.space || byte == ASCII.tab }

/// The value of a hex digit, or nil.
@inline(__always) func hexValue(_ byte: UInt8) -> UInt64? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
}
