/// A parse failure before it is given a line and column.
struct JSONParseFailure: Error {
    let issue: JSONSyntaxIssue
    let offset: Int
}

/// Strict RFC 8259 recursive-descent parser that writes the tape of a `JSONDocument`.
///
/// Works on raw bytes; strings are validated (escapes, surrogate pairs, UTF-8) but not decoded.
struct JSONParser {
    private let base: UnsafeBufferPointer<UInt8>
    private let count: Int
    private var position = 0
    private var depth = 0
    private let maximumDepth: Int
    private(set) var nodes: [JSONNode] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.base = buffer
        self.count = buffer.count
        self.maximumDepth = maximumDepth
        // A rough guess that avoids most regrowth on pretty-printed FHIR.
        nodes.reserveCapacity(count / 12 + 4)
    }

    mutating func parseDocument() throws(JSONParseFailure) {
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { position = 3 }
        try parseValue()
        skipWhitespace()
        if position < count {
            let start = position
            if base[position] >= 0x80 { try validateUTF8Sequence() }
            throw fail(.trailingContent, at: start)
        }
    }

    // MARK: - Values

    private mutating func parseValue() throws(JSONParseFailure) {
        skipWhitespace()
        guard position < count else { throw fail(.unexpectedEndOfInput) }
        switch base[position] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString(flags: 0)
        case UInt8(ascii: "t"): try parseLiteral("true", kind: .trueLiteral)
        case UInt8(ascii: "f"): try parseLiteral("false", kind: .falseLiteral)
        case UInt8(ascii: "n"): try parseLiteral("null", kind: .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw try unexpected(expected: "a JSON value")
        }
    }

    private mutating func openContainer(_ kind: JSONNodeKind) throws(JSONParseFailure) -> Int {
        depth += 1
        if depth > maximumDepth { throw fail(.nestingTooDeep(limit: maximumDepth)) }
        let index = nodes.count
        nodes.append(JSONNode(kind: kind, flags: 0, start: UInt32(position), end: 0, after: 0, count: 0))
        position += 1
        return index
    }

    private mutating func closeContainer(_ index: Int, members: UInt32) {
        position += 1
        depth -= 1
        nodes[index].end = UInt32(position)
        nodes[index].after = UInt32(nodes.count)
        nodes[index].count = members
    }

    private mutating func parseObject() throws(JSONParseFailure) {
        let index = try openContainer(.object)
        var members: UInt32 = 0
        skipWhitespace()
        if position < count, base[position] == UInt8(ascii: "}") {
            closeContainer(index, members: 0)
            return
        }
        while true {
            guard position < count else { throw fail(.unexpectedEndOfInput) }
            guard base[position] == UInt8(ascii: "\"") else { throw try unexpected(expected: "a string key") }
            try parseString(flags: JSONNode.isKey)
            skipWhitespace()
            guard position < count else { throw fail(.unexpectedEndOfInput) }
            guard base[position] == UInt8(ascii: ":") else { throw try unexpected(expected: "':'") }
            position += 1
            try parseValue()
            members += 1
            skipWhitespace()
            guard position < count else { throw fail(.unexpectedEndOfInput) }
            let byte = base[position]
            if byte == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if position < count, base[position] == UInt8(ascii: "}") { throw fail(.trailingComma) }
            } else if byte == UInt8(ascii: "}") {
                closeContainer(index, members: members)
                return
            } else {
                throw try unexpected(expected: "',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseFailure) {
        let index = try openContainer(.array)
        var elements: UInt32 = 0
        skipWhitespace()
        if position < count, base[position] == UInt8(ascii: "]") {
            closeContainer(index, members: 0)
            return
        }
        while true {
            try parseValue()
            elements += 1
            skipWhitespace()
            guard position < count else { throw fail(.unexpectedEndOfInput) }
            let byte = base[position]
            if byte == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if position < count, base[position] == UInt8(ascii: "]") { throw fail(.trailingComma) }
            } else if byte == UInt8(ascii: "]") {
                closeContainer(index, members: elements)
                return
            } else {
                throw try unexpected(expected: "',' or ']'")
            }
        }
    }

    private mutating func parseLiteral(_ word: StaticString, kind: JSONNodeKind) throws(JSONParseFailure) {
        let start = position
        let length = word.utf8CodeUnitCount
        let expected = word.utf8Start
        for offset in 0..<length {
            guard start + offset < count else { throw fail(.unexpectedEndOfInput, at: start + offset) }
            guard base[start + offset] == expected[offset] else {
                position = start + offset
                throw try unexpected(expected: "'\(word)'")
            }
        }
        position = start + length
        nodes.append(JSONNode(kind: kind, flags: 0, start: UInt32(start), end: UInt32(position), after: UInt32(nodes.count + 1), count: 0))
    }

    // MARK: - Numbers

    private mutating func parseNumber() throws(JSONParseFailure) {
        let start = position
        if base[position] == UInt8(ascii: "-") { position += 1 }
        guard position < count else { throw fail(.unexpectedEndOfInput) }
        let first = base[position]
        if first == UInt8(ascii: "0") {
            position += 1
            if position < count, isDigit(base[position]) { throw fail(.leadingZero, at: start) }
        } else if isDigit(first) {
            skipDigits()
        } else {
            throw fail(.invalidNumber, at: start)
        }
        if position < count, base[position] == UInt8(ascii: ".") {
            position += 1
            guard position < count, isDigit(base[position]) else { throw fail(.invalidNumber, at: start) }
            skipDigits()
        }
        if position < count, base[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count, base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-") { position += 1 }
            guard position < count, isDigit(base[position]) else { throw fail(.invalidNumber, at: start) }
            skipDigits()
        }
        nodes.append(JSONNode(kind: .number, flags: 0, start: UInt32(start), end: UInt32(position), after: UInt32(nodes.count + 1), count: 0))
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    @inline(__always) private mutating func skipDigits() {
        while position < count, isDigit(base[position]) { position += 1 }
    }

    // MARK: - Strings

    private mutating func parseString(flags: UInt8) throws(JSONParseFailure) {
        let start = position
        var flags = flags
        position += 1
        while true {
            // Fast path: plain ASCII that needs no attention, eight bytes at a time.
            while position + 8 <= count {
                let word = UnsafeRawPointer(base.baseAddress.unsafelyUnwrapped + position).loadUnaligned(as: UInt64.self)
                if Self.needsAttention(word) { break }
                position += 8
            }
            guard position < count else { throw fail(.unexpectedEndOfInput) }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                break
            } else if byte == UInt8(ascii: "\\") {
                flags |= JSONNode.hasEscapes
                try validateEscape()
            } else if byte < 0x20 {
                throw fail(.controlCharacterInString(byte))
            } else if byte >= 0x80 {
                try validateUTF8Sequence()
            } else {
                position += 1
            }
        }
        nodes.append(JSONNode(kind: .string, flags: flags, start: UInt32(start), end: UInt32(position), after: UInt32(nodes.count + 1), count: 0))
    }

    /// True when any byte of the little-endian word is `"`, `\`, below 0x20 or at least 0x80.
    @inline(__always) private static func needsAttention(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        // Classic "has zero byte" and "has byte less than n" bit tricks; exact together with `highs`.
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = word &- (ones &* 0x20)
        return ((hasQuote | hasBackslash | hasControl) & ~word | word) & highs != 0
    }

    private mutating func validateEscape() throws(JSONParseFailure) {
        let escapeStart = position
        position += 1
        guard position < count else { throw fail(.unexpectedEndOfInput) }
        switch base[position] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
             UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 1
        case UInt8(ascii: "u"):
            position += 1
            let unit = try readHex4(escapeStart: escapeStart)
            if unit >= 0xDC00, unit <= 0xDFFF { throw fail(.loneSurrogate, at: escapeStart) }
            if unit >= 0xD800, unit <= 0xDBFF {
                guard position < count else { throw fail(.unexpectedEndOfInput) }
                guard base[position] == UInt8(ascii: "\\") else { throw fail(.loneSurrogate, at: escapeStart) }
                guard position + 1 < count else { throw fail(.unexpectedEndOfInput, at: count) }
                guard base[position + 1] == UInt8(ascii: "u") else { throw fail(.loneSurrogate, at: escapeStart) }
                position += 2
                let low = try readHex4(escapeStart: position - 2)
                guard low >= 0xDC00, low <= 0xDFFF else { throw fail(.loneSurrogate, at: escapeStart) }
            }
        default:
            throw fail(.invalidEscape, at: escapeStart)
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONParseFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < count else { throw fail(.unexpectedEndOfInput) }
            let byte = base[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(.invalidEscape, at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Validates one multi-byte UTF-8 sequence at `position` (Unicode 15, Table 3-7) and steps past it.
    private mutating func validateUTF8Sequence() throws(JSONParseFailure) {
        let lead = base[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw fail(.invalidUTF8)
        }
        guard position + length <= count else { throw fail(.invalidUTF8) }
        let second = base[position + 1]
        guard second >= low, second <= high else { throw fail(.invalidUTF8) }
        for offset in 2..<max(length, 2) where base[position + offset] & 0xC0 != 0x80 {
            throw fail(.invalidUTF8)
        }
        position += length
    }

    // MARK: - Helpers

    @inline(__always) private mutating func skipWhitespace() {
        while position < count {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private func fail(_ issue: JSONSyntaxIssue, at offset: Int? = nil) -> JSONParseFailure {
        JSONParseFailure(issue: issue, offset: offset ?? position)
    }

    /// The failure for an unexpected byte; a non-ASCII byte that is not even UTF-8 says so instead.
    private mutating func unexpected(expected: String) throws(JSONParseFailure) -> JSONParseFailure {
        let start = position
        let byte = base[position]
        if byte >= 0x80 { try validateUTF8Sequence() }
        return fail(.unexpectedCharacter(found: byte, expected: expected), at: start)
    }
}
