/// HTML escaping into a byte buffer.
enum Escaping {
    /// Appends `string` with `& < > " '` replaced by character references. The same escaping
    /// is right for text and for double-quoted attribute values (HTML Living Standard §13.3).
    static func append(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { append($0, to: &out) }
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in bytes.indices {
            let replacement: StaticString
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            appendVerbatim(replacement, to: &out)
            runStart = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    static func appendVerbatim(_ trusted: StaticString, to out: inout [UInt8]) {
        trusted.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    static func appendVerbatim(_ name: String, to out: inout [UInt8]) {
        out.append(contentsOf: name.utf8)
    }
}
