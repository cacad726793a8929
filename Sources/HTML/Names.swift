/// Validation of tag and attribute names, so that a name can never carry markup.
enum Names {
    /// `[a-zA-Z][a-zA-Z0-9-:]*`.
    static func isValidTagName(_ name: String) -> Bool {
        guard let first = name.utf8.first, isASCIILetter(first) else { return false }
        return name.utf8.allSatisfy(isNameByte)
    }

    /// `[a-zA-Z0-9-:]+`. Underscores and dots are refused too, to keep the rule small.
    static func isValidAttributeName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy(isNameByte)
    }

    static func asciiLowercased(_ name: String) -> String {
        String(decoding: name.utf8.map { isASCIIUppercase($0) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        isASCIIUppercase(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    private static func isASCIIUppercase(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
    }
}
