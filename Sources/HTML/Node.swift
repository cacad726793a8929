/// A fragment of HTML: text, an element with attributes and children, a trusted
/// compile-time constant, or a sequence of those.
///
/// Every piece of text and every attribute value is escaped when rendered; the only way
/// to emit markup verbatim is `raw`, which takes a `StaticString` (a literal in the source),
/// so nothing computed at run time can reach the page unescaped.
/// A string literal or interpolation used where a `Node` is expected is escaped text:
/// `.p(["Hello, ", .strong(name), "!"])`.
public struct Node: Sendable {
    enum Content: Sendable {
        case text(String)
        case raw(StaticString)
        case element(Element)
        case fragment([Node])
    }

    let content: Content

    init(_ content: Content) {
        self.content = content
    }

    /// Text, escaped when rendered (`& < > " '`).
    public static func text(_ s: String) -> Node {
        Node(.text(s))
    }

    /// Markup written in the source code, emitted verbatim: a doctype, an inline SVG icon,
    /// a constant script. Only literals are accepted, so input can never get here.
    public static func raw(_ trusted: StaticString) -> Node {
        Node(.raw(trusted))
    }

    /// Several nodes in a row without a wrapping element.
    public static func fragment(_ nodes: [Node]) -> Node {
        Node(.fragment(nodes))
    }

    /// Nothing; the `else` branch of a conditional: `isAdmin ? .a(href: "/admin", "Admin") : .empty`.
    public static let empty = Node(.fragment([]))

    /// An element with any tag name.
    ///
    /// - A name outside `[a-zA-Z][a-zA-Z0-9-:]*` is not emitted as a tag: the element renders
    ///   as visible escaped text (`&lt;bad name&gt;…&lt;/bad name&gt;`) around its children,
    ///   which is inert and easy to spot. Tag names should be constants; this is the
    ///   safety net if one is not.
    /// - Void elements (`br`, `hr`, `img`, `input`, `link`, `meta`, `area`, `base`, `col`,
    ///   `embed`, `source`, `track`, `wbr`) render without a closing tag and drop `children`.
    /// - `script` and `style` render only `raw` children; text and elements inside them are
    ///   omitted, because HTML escaping cannot make text safe inside JavaScript or CSS.
    public static func element(_ tag: String, _ attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        Node(.element(Element(tag: tag, kind: ElementKind(tag: tag), attributes: attributes, children: children)))
    }

    /// An element whose tag is a known-good constant; skips name classification.
    static func known(_ tag: String, _ kind: ElementKind = .normal, _ attributes: [Attribute], _ children: [Node]) -> Node {
        Node(.element(Element(tag: tag, kind: kind, attributes: attributes, children: children)))
    }
}

extension Node: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    /// A string literal (or interpolation) where a node is expected is escaped text.
    public init(stringLiteral value: String) {
        self.init(.text(value))
    }
}

/// An element's parts; its `kind` decides how it renders.
struct Element: Sendable {
    let tag: String
    let kind: ElementKind
    let attributes: [Attribute]
    let children: [Node]
}
