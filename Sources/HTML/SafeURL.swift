/// The rule for URLs placed in attributes: relative URLs and `http:`/`https:` only.
enum SafeURL {
    /// Whether a browser would treat `url` as relative or as http(s).
    ///
    /// Mirrors the WHATWG URL parser's leniency: tabs and newlines are removed anywhere and
    /// leading control characters and spaces are ignored, so `" java\tscript:"` is still
    /// `javascript:`. Any scheme-looking prefix other than http(s) is refused, even ones a
    /// browser might read as a relative path (`12:30`); refusing is the safe mistake.
    static func isAllowed(_ url: String) -> Bool {
        var bytes = url.utf8.filter { $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if let firstVisible = bytes.firstIndex(where: { $0 > 0x20 }) {
            bytes.removeFirst(firstVisible)
        }
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"):
                return true  // no scheme before the path, query or fragment: relative
            case UInt8(ascii: ":"):
                let scheme = Names.asciiLowercased(String(decoding: bytes[..<index], as: UTF8.self))
                return scheme == "http" || scheme == "https"
            default:
                continue
            }
        }
        return true  // no colon at all: a relative path such as "patients/12"
    }
}
