/// Reads one member line of the oracle kit's INPUT format (../shared/tools/oracles/README.md):
/// `{"id":"m1","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":["E1122"]}`.
///
/// A byte-level parser (Foundation's `JSONDecoder` runs at ~25 MB/s; this at several hundred). Unknown
/// fields are skipped; a code that cannot be an ICD-10 code is kept out of `diagnoses` (it maps to nothing).
public struct MemberLineParser {
    private var scratch: [UInt8] = []

    /// Creates a parser; reuse one per thread to keep its scratch buffer.
    public init() { scratch.reserveCapacity(64) }

    /// Parses a line (without its newline) into a member, or says what is wrong with it.
    public mutating func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<RiskMember, MemberLineError> {
        var cursor = Cursor(bytes: line)
        do {
            return .success(try parseMember(&cursor))
        } catch {
            return .failure(error)
        }
    }

    /// Parses a line given as text (for tests and small inputs).
    public mutating func parse(_ line: String) -> Result<RiskMember, MemberLineError> {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(UnsafeBufferPointer($0)) }
    }

    private mutating func parseMember(_ cursor: inout Cursor) throws(MemberLineError) -> RiskMember {
        var id: String?, age: Int?, sex: Sex?, segment: Segment?, orec: OriginalReasonForEntitlement?
        var medicaid: Bool?, diagnoses: [ICD10Code]?
        try cursor.expect(UInt8(ascii: "{"), "a member line must be a JSON object")
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "}") {
            cursor.index += 1
        } else {
            while true {
                cursor.skipWhitespace()
                try readString(&cursor, what: "a field name")
                let key = Key(scratch)
                try cursor.expect(UInt8(ascii: ":"), "expected ':' after a field name")
                cursor.skipWhitespace()
                switch key {
                case .id:
                    try readString(&cursor, what: "\"id\" as a string")
                    id = String(decoding: scratch, as: UTF8.self)
                case .age:
                    age = try readAge(&cursor)
                case .sex:
                    try readString(&cursor, what: "\"sex\" as a string")
                    guard let value = Sex(rawValue: String(decoding: scratch, as: UTF8.self)) else {
                        throw .invalidField("sex", "must be \"F\" or \"M\"")
                    }
                    sex = value
                case .elig:
                    try readString(&cursor, what: "\"elig\" as a string")
                    let text = String(decoding: scratch, as: UTF8.self)
                    guard let value = Segment(rawValue: text) else {
                        throw .invalidField("elig", "\"\(text)\" is not one of CNA CND CFA CFD CPA CPD INS")
                    }
                    segment = value
                case .orec:
                    try readString(&cursor, what: "\"orec\" as a string")
                    guard let value = OriginalReasonForEntitlement(rawValue: String(decoding: scratch, as: UTF8.self)) else {
                        throw .invalidField("orec", "must be \"0\", \"1\", \"2\" or \"3\"")
                    }
                    orec = value
                case .medicaid:
                    guard let value = cursor.readBool() else { throw .invalidField("medicaid", "must be true or false") }
                    medicaid = value
                case .dx:
                    diagnoses = try readCodes(&cursor)
                case .other:
                    try cursor.skipValue(depth: 0)
                }
                cursor.skipWhitespace()
                guard let next = cursor.peek else { throw .malformed("unterminated object") }
                cursor.index += 1
                if next == UInt8(ascii: "}") { break }
                guard next == UInt8(ascii: ",") else { throw .malformed("expected ',' or '}' after a value") }
            }
        }
        cursor.skipWhitespace()
        guard cursor.index == cursor.bytes.count else { throw .malformed("unexpected text after the object") }
        guard let id else { throw .missingField("id") }
        guard let age else { throw .missingField("age") }
        guard let sex else { throw .missingField("sex") }
        guard let segment else { throw .missingField("elig") }
        guard let orec else { throw .missingField("orec") }
        guard let medicaid else { throw .missingField("medicaid") }
        guard let diagnoses else { throw .missingField("dx") }
        return RiskMember(id: id, age: age, sex: sex, segment: segment, originalReason: orec, medicaid: medicaid,
                          diagnoses: diagnoses)
    }

    private enum Key {
        case id, age, sex, elig, orec, medicaid, dx, other

        init(_ bytes: [UInt8]) {
            switch bytes.count {
            case 2 where bytes == Array("id".utf8): self = .id
            case 2 where bytes == Array("dx".utf8): self = .dx
            case 3 where bytes == Array("age".utf8): self = .age
            case 3 where bytes == Array("sex".utf8): self = .sex
            case 4 where bytes == Array("elig".utf8): self = .elig
            case 4 where bytes == Array("orec".utf8): self = .orec
            case 8 where bytes == Array("medicaid".utf8): self = .medicaid
            default: self = .other
            }
        }
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

    private mutating func readCodes(_ cursor: inout Cursor) throws(MemberLineError) -> [ICD10Code] {
        try cursor.expect(UInt8(ascii: "["), "\"dx\" must be an array of strings")
        var codes: [ICD10Code] = []
        cursor.skipWhitespace()
        if cursor.peek == UInt8(ascii: "]") { cursor.index += 1; return codes }
        while true {
            cursor.skipWhitespace()
            try readString(&cursor, what: "\"dx\" entries as strings")
            let code = scratch.withUnsafeBufferPointer { ICD10Code(bytes: $0) }
            if let code { codes.append(code) }
            cursor.skipWhitespace()
            guard let next = cursor.peek else { throw .malformed("unterminated \"dx\" array") }
            cursor.index += 1
            if next == UInt8(ascii: "]") { return codes }
            guard next == UInt8(ascii: ",") else { throw .malformed("expected ',' or ']' in \"dx\"") }
        }
    }

    /// Reads a JSON string into `scratch` (escapes decoded).
    private mutating func readString(_ cursor: inout Cursor, what: String) throws(MemberLineError) {
        guard cursor.peek == UInt8(ascii: "\"") else { throw .malformed("expected \(what)") }
        cursor.index += 1
        scratch.removeAll(keepingCapacity: true)
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
                scratch.append(contentsOf: Array(String(Character(unicode)).utf8))
            default:
                throw .malformed("bad escape in a string")
            }
        }
        throw .malformed("unterminated string")
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
