/// Decoded `application/x-www-form-urlencoded` data (a form body or a query string): ordered
/// name/value pairs, `+` as space, percent-escapes decoded as UTF-8 (invalid bytes become U+FFFD).
public struct FormData: Sendable {
    public private(set) var pairs: [(name: String, value: String)] = []

    public init(_ encoded: String) {
        for part in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs.append((Self.decode(pieces[0]), pieces.count > 1 ? Self.decode(pieces[1]) : ""))
        }
    }

    public init(bytes: [UInt8]) { self.init(String(decoding: bytes, as: UTF8.self)) }

    /// The first value of a field, or "" when absent.
    public subscript(_ name: String) -> String { pairs.first { $0.name == name }?.value ?? "" }

    /// Whether the field is present at all (a checked checkbox).
    public func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    /// All values of a repeated field, in order.
    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let b = iterator.next() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let h = iterator.next() else { bytes.append(b); break }
                guard let l = iterator.next() else { bytes.append(contentsOf: [b, h]); break }
                if let hi = hexValue(h), let lo = hexValue(l) { bytes.append(hi << 4 | lo) } else { bytes.append(contentsOf: [b, h, l]) }
            default: bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes a value for a query string.
    public static func encode(_ value: String) -> String {
        var out = ""
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - 55
        default: nil
        }
    }
}
