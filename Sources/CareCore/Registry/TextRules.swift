/// Length and character rules for free-text fields. Control characters are refused everywhere;
/// line breaks only in long text.
struct TextRule {
    let maxLength: Int
    let allowsLineBreaks: Bool

    static let name = TextRule(maxLength: 100, allowsLineBreaks: false)
    static let shortText = TextRule(maxLength: 200, allowsLineBreaks: false)
    static let code = TextRule(maxLength: 64, allowsLineBreaks: false)
    static let longText = TextRule(maxLength: 4000, allowsLineBreaks: true)

    /// The trimmed value; appends an error for `field` when it breaks the rule.
    func check(_ raw: String, field: String, required: Bool, into errors: inout [FieldError]) -> String {
        let value = raw.trimmed
        if value.isEmpty {
            if required { errors.append(FieldError(field, "is required")) }
            return ""
        }
        if value.count > maxLength {
            errors.append(FieldError(field, "must be at most \(maxLength) characters"))
            return value
        }
        for scalar in value.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if allowsLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            errors.append(FieldError(field, "contains a control character"))
            break
        }
        return value
    }
}

/// Phone numbers: 7 to 15 digits, written with optional `+ ( ) - . ` and spaces.
public enum PhoneNumber {
    /// The digits of a phone number, for search.
    public static func digits(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 48 && $0.value <= 57 }.map(Character.init))
    }

    static func check(_ raw: String, field: String, into errors: inout [FieldError]) -> String {
        let value = raw.trimmed
        if value.isEmpty { return "" }
        let allowed = Set("0123456789+()-. ".unicodeScalars)
        let count = digits(value).count
        if !value.unicodeScalars.allSatisfy({ allowed.contains($0) }) || !(7...15).contains(count) {
            errors.append(FieldError(field, "must be a phone number of 7 to 15 digits"))
        }
        return value
    }
}

/// Email addresses: one `@`, a dot in the domain, no spaces (a sanity check, not RFC 5322).
enum EmailAddress {
    static func check(_ raw: String, field: String, into errors: inout [FieldError]) -> String {
        let value = raw.trimmed
        if value.isEmpty { return "" }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        let ok = value.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !value.contains(where: { $0.isWhitespace })
        if !ok { errors.append(FieldError(field, "must be an email address like name@example.org")) }
        return value
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
