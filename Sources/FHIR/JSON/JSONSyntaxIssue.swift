/// What is wrong with a document that is not valid JSON (RFC 8259).
public enum JSONSyntaxIssue: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The input stopped before the document was complete (a truncated file).
    case unexpectedEndOfInput
    /// A byte that cannot appear here; `expected` says what could.
    case unexpectedCharacter(found: UInt8, expected: String)
    /// A `,` directly followed by `]` or `}`.
    case trailingComma
    /// A number with a superfluous leading zero, such as `012`.
    case leadingZero
    /// A number that breaks the grammar, such as `1.`, `-` or `1e`.
    case invalidNumber
    /// A backslash escape that JSON does not define, or a `\u` without four hex digits.
    case invalidEscape
    /// A `\u` escape of half a UTF-16 surrogate pair without its other half.
    case loneSurrogate
    /// A raw control character (U+0000–U+001F) inside a string; JSON requires it escaped.
    case controlCharacterInString(UInt8)
    /// Bytes that are not valid UTF-8 (for example a Latin-1 `ä`, byte 0xE4).
    case invalidUTF8
    /// Something other than whitespace after the end of the document.
    case trailingContent
    /// Arrays and objects nested deeper than the reader's limit.
    case nestingTooDeep(limit: Int)
    /// The input is larger than the reader can index (4 GiB).
    case inputTooLarge

    public var description: String {
        switch self {
        case .unexpectedEndOfInput: return "unexpected end of input (truncated document?)"
        case let .unexpectedCharacter(found, expected):
            return "expected \(expected) but found \(Self.describe(found))"
        case .trailingComma: return "trailing comma before a closing bracket"
        case .leadingZero: return "number with a leading zero"
        case .invalidNumber: return "malformed number"
        case .invalidEscape: return "invalid escape sequence in string"
        case .loneSurrogate: return "\\u escape of an unpaired UTF-16 surrogate"
        case let .controlCharacterInString(byte):
            return "unescaped control character 0x\(String(byte, radix: 16, uppercase: true)) in string"
        case .invalidUTF8: return "invalid UTF-8 (JSON text must be UTF-8)"
        case .trailingContent: return "unexpected content after the end of the JSON document"
        case let .nestingTooDeep(limit): return "arrays and objects nested deeper than \(limit) levels"
        case .inputTooLarge: return "input larger than 4 GiB"
        }
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }
}
