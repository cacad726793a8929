extension Node {
    /// A link (`<a href>`); `href` must be relative or http(s), otherwise it renders `#`.
    public static func a(href: String, class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node]) -> Node {
        container("a", className, id, [.href(href)] + attributes, children)
    }

    /// A link (`<a href>`) whose content is escaped text.
    public static func a(href: String, class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("a", className, id, [.href(href)] + attributes, [.text(text)])
    }

    /// An image (`<img src alt>`, void); `src` must be relative or http(s).
    public static func img(src: String, alt: String, class className: String? = nil, attributes: [Attribute] = []) -> Node {
        known("img", .void, Node.attributes(className, nil, [.src(src), Attribute("alt", alt)] + attributes), [])
    }

    /// A line break (`<br>`, void).
    public static let br = known("br", .void, [], [])

    /// A thematic break (`<hr>`, void).
    public static func hr(class className: String? = nil) -> Node {
        known("hr", .void, attributes(className, nil, []), [])
    }

    /// A date or time (`<time datetime>`) with human-readable text.
    public static func time(datetime: String, class className: String? = nil, _ text: String) -> Node {
        container("time", className, nil, [Attribute("datetime", datetime)], [.text(text)])
    }
}
