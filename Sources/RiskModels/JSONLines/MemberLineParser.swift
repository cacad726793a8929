/// Reads one member line of the oracle kit's INPUT format (../shared/tools/oracles/README.md):
/// `{"id":"m1","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":["E1122"]}`.
///
/// A byte-level parser (Foundation's `JSONDecoder` runs at ~25 MB/s; this at several hundred). Unknown
/// fields are skipped; a code that cannot be an ICD-10 code is kept out of `diagnoses` (it maps to nothing).
/// Strings without escapes are read in place: field names, `sex`, `elig`, `orec` and codes are compared as
/// bytes and no `String` is made unless the caller asks for a `RiskMember`.
public struct MemberLineParser {
    /// Decoded text of a string that had escapes.
    private let scratch = DecodedString()
    private var record = MemberRecord()

    /// Creates a parser; reuse one per thread to keep its buffers.
    public init() {}

    /// Parses a line (without its newline) into a member, or says what is wrong with it.
    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<RiskMember, MemberLineError> {
        var record = self.record
        self.record = MemberRecord()
        defer { self.record = record }
        do {
            try parse(line, into: &record)
            return .success(record.member)
        } catch {
            return .failure(error)
        }
    }

    /// Parses a line given as text (for tests and small inputs).
    public mutating func parse(_ line: String) -> Result<RiskMember, MemberLineError> {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0)) }
    }

    /// Parses a line (without its newline) into `record`, reusing its storage: the scoring fast path.
    /// On failure `record` holds partial data and must not be used.
    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>, into record: inout MemberRecord) throws(MemberLineError) {
        var cursor = Cursor(bytes: line)
        record.diagnoses.removeAll(keepingCapacity: true)
        record.idBytes.removeAll(keepingCapacity: true)
        var seen: UInt8 = 0  // one bit per required field, in `Key` order
        try cursor.expect(UInt8(ascii: "{"), "a member line must be a JSON object")
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.index += 1
        } else {
            while true {
                cursor.skipWhitespace()
                let key = try readKey(&cursor)
                try cursor.expect(UInt8(ascii: ":"), "expected ':' after a field name")
                cursor.skipWhitespace()
                switch key {
                case .id:
                    let text = try readString(&cursor, what: "\"id\" as a string")
                    record.idBytes.removeAll(keepingCapacity: true)
                    record.idBytes.append(contentsOf: text)
                case .age:
                    record.age = try readAge(&cursor)
                case .sex:
                    let text = try readString(&cursor, what: "\"sex\" as a string")
                    guard text.count == 1, let value = text.first.flatMap(Sex.init(byte:)) else {
                        throw .invalidField("sex", "must be \"F\" or \"M\"")
                    }
                    record.sex = value
                case .elig:
                    let text = try readString(&cursor, what: "\"elig\" as a string")
                    guard let value = Segment(bytes: text) else {
                        let shown = String(decoding: text, as: UTF8.self)
                        throw .invalidField("elig", "\"\(shown)\" is not one of CNA CND CFA CFD CPA CPD INS")
                    }
                    record.segment = value
                case .orec:
                    let text = try readString(&cursor, what: "\"orec\" as a string")
                    guard text.count == 1, let value = text.first.flatMap(OriginalReasonForEntitlement.init(byte:)) else {
                        throw .invalidField("orec", "must be \"0\", \"1\", \"2\" or \"3\"")
                    }
                    record.originalReason = value
                case .medicaid:
                    guard let value = cursor.readBool() else { throw .invalidField("medicaid", "must be true or false") }
                    record.medicaid = value
                case .dx:
                    try readCodes(&cursor, into: &record.diagnoses)
                case .other:
                    try cursor.skipValue(depth: 0)
                }
                seen |= key.bit
                cursor.skipWhitespace()
                guard let next = cursor.peek else { throw .malformed("unterminated object") }
                cursor.index += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { throw .malformed("expected ',' or '}' after a value") }
            }
        }
        cursor.skipWhitespace()
        guard cursor.index == cursor.bytes.count else { throw .malformed("unexpected text after the object") }
        if seen & Key.required != Key.required {
            for key in Key.requiredInOrder where seen & key.bit == 0 { throw .missingField(key.fieldName) }
        }
    }

    private enum Key {
        case id, age, sex, elig, orec, medicaid, dx, other

        static let requiredInOrder: [Key] = [.id, .age, .sex, .elig, .orec, .medicaid, .dx]
        static let required: UInt8 = 0x7F

        var bit: UInt8 {
            switch self {
            case .id: 1
            case .age: 2
            case .sex: 4
            case .elig: 8
            case .orec: 16
            case .medicaid: 32
            case .dx: 64
            case .other: 0
            }
        }

        var fieldName: String {
            switch self {
            case .id: "id"
            case .age: "age"
            case .sex: "sex"
            case .elig: "elig"
            case .orec: "orec"
            case .medicaid: "medicaid"
            case .dx: "dx"
            case .other: ""
            }
        }

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            func equals(_ literal: StaticString) -> Bool {
                guard bytes.count == literal.utf8CodeUnitCount else { return false }
                for index in 0..<bytes.count where bytes[index] != literal.utf8Start[index] { return false }
                return true
            }
            switch bytes.count {
            case 2: self = equals("id") ? .id : equals("dx") ? .dx : .other
            case 3: self = equals("age") ? .age : equals("sex") ? .sex : .other
            case 4: self = equals("elig") ? .elig : equals("orec") ? .orec : .other
            case 8: self = equals("medicaid") ? .medicaid : .other
            default: self = .other
            }
        }
    }

    private mutating func readKey(_ cursor: inout Cursor) throws(MemberLineError) -> Key {
        let text = try readString(&cursor, what: "a field name")
        return text.count == 0 ? .other : Key(text)
    }

    private func readAge(_ cursor: inout Cursor) throws(MemberLineError) -> Int {
        var value = 0
        var digits = 0
        while let byte = cursor.peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            digits += 1
            cursor.index += 1
            guard digits <= 3 else { throw .invalidField("age", "must be a whole number of years from 0 to 999") }
        }
        if let byte = cursor.peek, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw .invalidField("age", "must be a whole number of years")
        }
        guard digits > 0 else { throw .invalidField("age", "must be a non-negative whole number") }
        return value
    }

    private mutating func readCodes(_ cursor: inout Cursor, into codes: inout [ICD10Code]) throws(MemberLineError) {
        try cursor.expect(UInt8(ascii: "["), "\"dx\" must be an array of strings")
        codes.removeAll(keepingCapacity: true)
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "]") { cursor.index += 1; return }
        while true {
            cursor.skipWhitespace()
            if let code = cursor.readPlainCode() {
                codes.append(code)
            } else {  // lower case, dots, escapes, not a code...: the general way
                let text = try readString(&cursor, what: "\"dx\" entries as strings")
                if let code = ICD10Code(bytes: text) { codes.append(code) }
            }
            cursor.skipWhitespace()
            guard let next = cursor.peek else { throw .malformed("unterminated \"dx\" array") }
            cursor.index += 1
            if next == UInt8(ascii: "]") { return }
            guard next == UInt8(ascii: ",") else { throw .malformed("expected ',' or ']' in \"dx\"") }
        }
    }

    /// Reads a JSON string. Without escapes the result points into the line; with escapes it points into
    /// `scratch` (decoded) and is valid until the next call.
    private mutating func readString(_ cursor: inout Cursor, what: String) throws(MemberLineError) -> UnsafeBufferPointer<UInt8> {
        guard cursor.peek == UInt8(ascii: "\"") else { throw .malformed("expected \(what)") }
        cursor.index += 1
        let start = cursor.index
        let bytes = cursor.bytes
        // Eight bytes at a time while they are there: the strings of a member line are mostly shorter.
        while cursor.index + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress! + cursor.index).loadUnaligned(as: UInt64.self)
            let special = Cursor.specialBytes(word)
            if special == 0 { cursor.index += 8; continue }
            cursor.index += special.trailingZeroBitCount / 8
            break
        }
        while cursor.index < bytes.count {
            let byte = bytes[cursor.index]
            if byte == UInt8(ascii: "\"") {
                cursor.index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<cursor.index - 1])
            }
            if byte < 0x20 { throw .malformed("control character inside a string") }
            if byte == UInt8(ascii: "\\") { break }
            cursor.index += 1
        }
        guard cursor.index < bytes.count else { throw .malformed("unterminated string") }
        scratch.removeAll()
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<cursor.index]))
        try readEscapedRest(&cursor)
        return scratch.contents
    }

    /// Decodes the rest of a string from its first backslash into `scratch`.
    private mutating func readEscapedRest(_ cursor: inout Cursor) throws(MemberLineError) {
        while cursor.index < cursor.bytes.count {
            let byte = cursor.bytes[cursor.index]
            cursor.index += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte < 0x20 { throw .malformed("control character inside a string") }
            guard byte == UInt8(ascii: "\\") else { scratch.append(byte); continue }
            guard let escaped = cursor.peek else { break }
            cursor.index += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = cursor.readHex4() else { throw .malformed("bad \\u escape") }
                if (0xD800..<0xDC00).contains(scalar) {  // surrogate pair
                    guard cursor.peek == UInt8(ascii: "\\") else { throw .malformed("lone surrogate in \\u escape") }
                    cursor.index += 1
                    guard cursor.peek == UInt8(ascii: "u") else { throw .malformed("lone surrogate in \\u escape") }
                    cursor.index += 1
                    guard let low = cursor.readHex4(), (0xDC00..<0xE000).contains(low) else {
                        throw .malformed("bad surrogate pair in \\u escape")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw .malformed("bad \\u escape") }
                for byte in String(Character(unicode)).utf8 { scratch.append(byte) }
            default:
                throw .malformed("bad escape in a string")
            }
        }
        throw .malformed("unterminated string")
    }
}

/// The decoded bytes of the last string with escapes; its storage stays put until the next decode, so the
/// parser can hand out a pointer to it (strings with escapes are rare: ids with quotes, `\u` escapes).
private final class DecodedString {
    private var base = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
    private var capacity = 64
    private var count = 0

    deinit { base.deallocate() }

    var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    func removeAll() { count = 0 }

    func append(_ byte: UInt8) {
        if count == capacity {
            let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            newBase.update(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity *= 2
        }
        base[count] = byte
        count += 1
    }

    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { append(byte) }
    }
}

/// Why a member line was rejected (the CLI adds the line number).
public enum MemberLineError: Error, Equatable, CustomStringConvertible {
    /// Not well-formed JSON, or not an object.
    case malformed(String)
    /// A required field is absent.
    case missingField(String)
    /// A field has a value outside its domain.
    case invalidField(String, String)

    /// The reason, for the user.
    public var description: String {
        switch self {
        case .malformed(let reason): "malformed JSON: \(reason)"
        case .missingField(let field): "missing field \"\(field)\""
        case .invalidField(let field, let reason): "field \"\(field)\" \(reason)"
        }
    }
}

/// A read position in a line.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// Reads a string of 1 to 7 upper-case letters and digits (a code as the input format writes it) in one
    /// 8-byte load, or returns nil without moving for anything else.
    @inline(__always)
    mutating func readPlainCode() -> ICD10Code? {
        guard peek == UInt8(ascii: "\""), index + 9 <= bytes.count else { return nil }
        let word = UnsafeRawPointer(bytes.baseAddress! + index + 1).loadUnaligned(as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let quotes = (quote &- ones) & ~quote & high
        guard quotes != 0 else { return nil }
        let length = quotes.trailingZeroBitCount / 8  // the lowest flagged byte is exact
        guard length > 0 else { return nil }
        // A byte x < 0x80 is in lo...hi when x + (0x80 - lo) has its high bit set and x + (0x7F - hi) does not.
        func inRange(_ lo: UInt64, _ hi: UInt64) -> UInt64 { (word &+ ones &* (0x80 - lo)) & ~(word &+ ones &* (0x7F - hi)) }
        let valid = (inRange(0x30, 0x39) | inRange(0x41, 0x5A)) & ~word & high
        let lengthMask: UInt64 = (1 << UInt64(8 * length)) &- 1
        guard valid & lengthMask == high & lengthMask else { return nil }
        index += length + 2
        return ICD10Code(rawValue: word & lengthMask)
    }

    /// The high bit of each byte of `word` (little-endian) that may end a plain string run: `"`, `\` or a
    /// control character. The lowest flagged byte is always exact (borrows only flag bytes above a true
    /// one), which is all `readString` needs. "Determine if a word has a byte less than n", Hacker's Delight.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\""))), backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control) & high
    }

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhitespace() {
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
            index += 1
        }
    }

    mutating func expect(_ byte: UInt8, _ reason: String) throws(MemberLineError) {
        skipWhitespace()
        guard peek == byte else { throw .malformed(reason) }
        index += 1
    }

    mutating func readLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        index += count
        return true
    }

    mutating func readBool() -> Bool? {
        if readLiteral("true") { return true }
        if readLiteral("false") { return false }
        return nil
    }

    mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// Skips any JSON value (for fields the models do not use, such as `note`).
    mutating func skipValue(depth: Int) throws(MemberLineError) {
        guard depth < 64 else { throw .malformed("nesting too deep") }
        skipWhitespace()
        guard let byte = peek else { throw .malformed("missing value") }
        switch byte {
        case UInt8(ascii: "\""):
            index += 1
            while index < bytes.count {
                let current = bytes[index]
                index += 1
                if current == UInt8(ascii: "\\") { index += 1 } else if current == UInt8(ascii: "\"") { return }
            }
            throw .malformed("unterminated string")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipWhitespace()
            if peek == close { index += 1; return }
            while true {
                if close == UInt8(ascii: "}") {
                    skipWhitespace()
                    try skipValue(depth: depth + 1)  // key
                    try expect(UInt8(ascii: ":"), "expected ':' in a nested object")
                }
                try skipValue(depth: depth + 1)
                skipWhitespace()
                guard let next = peek else { throw .malformed("unterminated nested value") }
                index += 1
                if next == close { return }
                guard next == UInt8(ascii: ",") else { throw .malformed("expected ',' in a nested value") }
            }
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            guard readLiteral("true") || readLiteral("false") || readLiteral("null") else { throw .malformed("bad literal") }
        default:
            let start = index
            while index < bytes.count, let current = peek,
                  (current >= UInt8(ascii: "0") && current <= UInt8(ascii: "9")) || current == UInt8(ascii: "-")
                    || current == UInt8(ascii: "+") || current == UInt8(ascii: ".") || current == UInt8(ascii: "e")
                    || current == UInt8(ascii: "E") {
                index += 1
            }
            guard index > start else { throw .malformed("unexpected character") }
        }
    }
}
