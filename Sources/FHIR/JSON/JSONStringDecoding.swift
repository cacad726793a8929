/// Turns the validated bytes of a JSON string token into a Swift `String`.
enum JSONStringDecoding {
    /// Decodes the string token described by `node` (quotes included in its range).
    static func decode(_ bytes: [UInt8], _ node: JSONNode) -> String {
        let content = Int(node.start + 1)..<Int(node.end - 1)
        if node.flags & JSONNode.hasEscapes == 0 {
            return String(decoding: bytes[content], as: UTF8.self)
        }
        return unescape(bytes[content])
    }

    /// Resolves backslash escapes; the parser has already checked them, so every path is total.
    static func unescape(_ content: ArraySlice<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        var index = content.startIndex
        while index < content.endIndex {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < content.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let escaped = content[index + 1]
            index += 2
            switch escaped {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(content, at: index)
                index += 4
                if scalar >= 0xD800, scalar <= 0xDBFF, index + 6 <= content.endIndex {
                    let low = hex4(content, at: index + 2)
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &output)
            default: output.append(escaped)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hex4(_ content: ArraySlice<UInt8>, at start: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in start..<min(start + 4, content.endIndex) {
            let byte = content[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: digit = (byte | 0x20) &- UInt8(ascii: "a") &+ 10
            }
            value = value << 4 | UInt32(digit & 0x0F)
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: String(Character(scalar)).utf8)
    }
}
