/// Writes compact JSON: no insignificant whitespace, members in source order, numbers and string
/// escapes byte-for-byte as in the source.
public enum JSONWriter {
    /// The compact form of `value`, with the document's string replacements applied.
    ///
    /// The source was validated when parsed, so the output is valid JSON by construction.
    public static func compact(_ value: JSONValue) -> [UInt8] {
        let document = value.document
        let nodes = document.nodes
        let first = value.index
        let pastLast = Int(nodes[first].after)
        // Replacements inside this subtree, in document (and so byte) order.
        let replacements = document.replacements
        var slot = replacements.firstSlot(atOrAfter: first)
        var nextReplacement = slot < replacements.indices.count && replacements.indices[slot] < pastLast ? replacements.indices[slot] : Int.max

        var output: [UInt8] = []
        output.reserveCapacity(Int(nodes[first].end - nodes[first].start))
        document.bytes.withUnsafeBufferPointer { source in
            var offset = Int(nodes[first].start)
            let end = Int(nodes[first].end)
            var nodeCursor = first
            while offset < end {
                let byte = source[offset]
                switch byte {
                case 0x20, 0x0A, 0x0D, 0x09:
                    offset += 1
                case UInt8(ascii: "\""):
                    // Strings are the only tokens that need their node: find it to honour replacements.
                    while nodeCursor < pastLast, Int(nodes[nodeCursor].start) < offset { nodeCursor += 1 }
                    let stringEnd = Int(nodes[nodeCursor].end)
                    if nodeCursor == nextReplacement {
                        appendQuoted(replacements.texts[slot], to: &output)
                        slot += 1
                        nextReplacement = slot < replacements.indices.count && replacements.indices[slot] < pastLast ? replacements.indices[slot] : Int.max
                    } else {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: source[offset..<stringEnd]))
                    }
                    offset = stringEnd
                default:
                    output.append(byte)
                    offset += 1
                }
            }
        }
        return output
    }

    /// Appends `text` as a JSON string literal, escaping what RFC 8259 requires.
    public static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                           hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
