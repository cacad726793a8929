// Elements that usually hold a line of text; each takes children or a single escaped string.
extension Node {
    /// A paragraph (`<p>`).
    public static func p(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("p", className, id, attributes, children)
    }

    /// A paragraph (`<p>`) holding escaped text.
    public static func p(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("p", className, id, attributes, [.text(text)])
    }

    /// A top-level heading (`<h1>`).
    public static func h1(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("h1", className, id, attributes, children)
    }

    /// A top-level heading (`<h1>`) holding escaped text.
    public static func h1(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("h1", className, id, attributes, [.text(text)])
    }

    /// A second-level heading (`<h2>`).
    public static func h2(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("h2", className, id, attributes, children)
    }

    /// A second-level heading (`<h2>`) holding escaped text.
    public static func h2(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("h2", className, id, attributes, [.text(text)])
    }

    /// A third-level heading (`<h3>`).
    public static func h3(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("h3", className, id, attributes, children)
    }

    /// A third-level heading (`<h3>`) holding escaped text.
    public static func h3(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("h3", className, id, attributes, [.text(text)])
    }

    /// A fourth-level heading (`<h4>`).
    public static func h4(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("h4", className, id, attributes, children)
    }

    /// A fourth-level heading (`<h4>`) holding escaped text.
    public static func h4(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("h4", className, id, attributes, [.text(text)])
    }

    /// An inline span (`<span>`).
    public static func span(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("span", className, id, attributes, children)
    }

    /// An inline span (`<span>`) holding escaped text.
    public static func span(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("span", className, id, attributes, [.text(text)])
    }

    /// Strongly important text (`<strong>`).
    public static func strong(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("strong", className, id, attributes, children)
    }

    /// Strongly important text (`<strong>`) holding escaped text.
    public static func strong(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("strong", className, id, attributes, [.text(text)])
    }

    /// Emphasised text (`<em>`).
    public static func em(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("em", className, id, attributes, children)
    }

    /// Emphasised text (`<em>`) holding escaped text.
    public static func em(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("em", className, id, attributes, [.text(text)])
    }

    /// Side comment, fine print (`<small>`).
    public static func small(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("small", className, id, attributes, children)
    }

    /// Side comment, fine print (`<small>`) holding escaped text.
    public static func small(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("small", className, id, attributes, [.text(text)])
    }

    /// A fragment of code (`<code>`).
    public static func code(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("code", className, id, attributes, children)
    }

    /// A fragment of code (`<code>`) holding escaped text.
    public static func code(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("code", className, id, attributes, [.text(text)])
    }

    /// Preformatted text (`<pre>`).
    public static func pre(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("pre", className, id, attributes, children)
    }

    /// Preformatted text (`<pre>`) holding escaped text.
    public static func pre(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("pre", className, id, attributes, [.text(text)])
    }

    /// A list item (`<li>`).
    public static func li(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("li", className, id, attributes, children)
    }

    /// A list item (`<li>`) holding escaped text.
    public static func li(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("li", className, id, attributes, [.text(text)])
    }

    /// A table data cell (`<td>`).
    public static func td(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("td", className, id, attributes, children)
    }

    /// A table data cell (`<td>`) holding escaped text.
    public static func td(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("td", className, id, attributes, [.text(text)])
    }

    /// A table header cell (`<th>`).
    public static func th(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("th", className, id, attributes, children)
    }

    /// A table header cell (`<th>`) holding escaped text.
    public static func th(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("th", className, id, attributes, [.text(text)])
    }

    /// A table caption (`<caption>`).
    public static func caption(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("caption", className, id, attributes, children)
    }

    /// A table caption (`<caption>`) holding escaped text.
    public static func caption(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("caption", className, id, attributes, [.text(text)])
    }

    /// A term in a description list (`<dt>`).
    public static func dt(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("dt", className, id, attributes, children)
    }

    /// A term in a description list (`<dt>`) holding escaped text.
    public static func dt(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("dt", className, id, attributes, [.text(text)])
    }

    /// A description in a description list (`<dd>`).
    public static func dd(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("dd", className, id, attributes, children)
    }

    /// A description in a description list (`<dd>`) holding escaped text.
    public static func dd(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("dd", className, id, attributes, [.text(text)])
    }

    /// The caption of a fieldset (`<legend>`).
    public static func legend(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("legend", className, id, attributes, children)
    }

    /// The caption of a fieldset (`<legend>`) holding escaped text.
    public static func legend(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("legend", className, id, attributes, [.text(text)])
    }
}
