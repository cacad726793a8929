/// An attribute of an element. Values are always double-quoted and escaped when rendered.
///
/// Rules applied when an attribute is made from a run-time `String`:
/// - an invalid name (outside `[a-zA-Z0-9-:]`) makes the attribute render as nothing;
/// - event handlers (`on…`) and `srcdoc` hold script or markup, which escaping cannot make
///   safe, so they render as nothing; use `init(_:trusted:)` with a literal instead;
/// - URL attributes (`href`, `src`, `action`, `formaction`, …) keep only relative and
///   http(s) URLs; anything else (`javascript:`, `data:`, …) becomes `#` (see `SafeURL`).
public struct Attribute: Sendable, Equatable {
    /// The attribute name as given.
    public let name: String
    /// The value that will be rendered (before escaping), or nil for a boolean attribute.
    public let value: String?
    /// False when the name is invalid or the value was refused; the attribute is then omitted.
    public let isRendered: Bool

    /// An attribute whose value comes from anywhere; see the type's rules.
    public init(_ name: String, _ value: String) {
        self.name = name
        let lowercased = Names.asciiLowercased(name)
        if !Names.isValidAttributeName(name) || Self.holdsCodeOrMarkup(lowercased) {
            self.value = value
            self.isRendered = false
        } else if Self.urlAttributes.contains(lowercased) {
            self.value = SafeURL.isAllowed(value) ? value : "#"
            self.isRendered = true
        } else {
            self.value = value
            self.isRendered = true
        }
    }

    /// An attribute whose value is a literal in the source, exempt from the event-handler and
    /// URL rules (still escaped): `Attribute("onclick", trusted: "history.back()")`.
    public init(_ name: String, trusted value: StaticString) {
        self.name = name
        self.value = value.description
        self.isRendered = Names.isValidAttributeName(name)
    }

    private init(boolean name: String) {
        self.name = name
        self.value = nil
        self.isRendered = Names.isValidAttributeName(name)
    }

    /// A boolean attribute, rendered as its bare name (`required`, `disabled`).
    public static func boolean(_ name: String) -> Attribute {
        Attribute(boolean: name)
    }

    static func holdsCodeOrMarkup(_ lowercasedName: String) -> Bool {
        lowercasedName.hasPrefix("on") || lowercasedName == "srcdoc"
    }

    /// Attributes whose value a browser loads or navigates to.
    static let urlAttributes: Set<String> = [
        "href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data", "background",
        "longdesc", "manifest", "ping", "icon", "codebase", "archive", "usemap", "lowsrc", "dynsrc",
    ]
}
