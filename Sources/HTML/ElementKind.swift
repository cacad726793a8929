/// How an element renders, decided once from its tag name.
enum ElementKind: Sendable, Equatable {
    /// `<tag attrs>children</tag>`.
    case normal
    /// `<tag attrs>` with no closing tag and no children (HTML Living Standard §13.1.2, void elements).
    case void
    /// `script` and `style`: raw-text elements whose content is not HTML-decoded,
    /// so only trusted `raw` children are emitted.
    case rawText
    /// A tag name that could inject markup; rendered as escaped text.
    case invalid

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    init(tag: String) {
        guard Names.isValidTagName(tag) else {
            self = .invalid
            return
        }
        let lowercased = Names.asciiLowercased(tag)
        if Self.voidElements.contains(lowercased) {
            self = .void
        } else if lowercased == "script" || lowercased == "style" {
            self = .rawText
        } else {
            self = .normal
        }
    }
}
