/// The HTTP method of a form.
public enum FormMethod: String, Sendable {
    /// `method="get"`, for searches and filters.
    case get
    /// `method="post"`, for anything that changes data.
    case post
}

/// The `type` of an `<input>`.
public enum InputType: String, Sendable {
    case text, password, email, number, date, time, tel, url, search, hidden, checkbox, radio, file, submit, range, color
    case dateTimeLocal = "datetime-local"
}

/// The `type` of a `<button>`.
public enum ButtonType: String, Sendable {
    case submit, button, reset
}

extension Node {
    /// A form (`<form method action>`); `action` must be relative or http(s).
    public static func form(method: FormMethod = .post, action: String, class className: String? = nil, id: String? = nil,
                            attributes: [Attribute] = [], _ children: [Node]) -> Node {
        container("form", className, id, [Attribute("method", method.rawValue), Attribute("action", action)] + attributes, children)
    }

    /// A form control (`<input>`, void). `value` is escaped like any attribute.
    public static func input(type: InputType, name: String, value: String? = nil, id: String? = nil, class className: String? = nil,
                             required: Bool = false, disabled: Bool = false, attributes: [Attribute] = []) -> Node {
        var all = [Attribute("type", type.rawValue), .name(name)]
        if let value { all.append(.value(value)) }
        if required { all.append(.required) }
        if disabled { all.append(.disabled) }
        return known("input", .void, Node.attributes(className, id, all + attributes), [])
    }

    /// A caption for the control whose id is `for` (`<label for>`).
    public static func label(for controlID: String, class className: String? = nil, attributes: [Attribute] = [], _ children: [Node]) -> Node {
        container("label", className, nil, [.for(controlID)] + attributes, children)
    }

    /// A caption with escaped text for the control whose id is `for` (`<label for>`).
    public static func label(for controlID: String, class className: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("label", className, nil, [.for(controlID)] + attributes, [.text(text)])
    }

    /// A button (`<button type>`); submits its form by default.
    public static func button(type: ButtonType = .submit, class className: String? = nil, id: String? = nil,
                              attributes: [Attribute] = [], _ children: [Node]) -> Node {
        container("button", className, id, [Attribute("type", type.rawValue)] + attributes, children)
    }

    /// A button (`<button type>`) with escaped text; submits its form by default.
    public static func button(type: ButtonType = .submit, class className: String? = nil, id: String? = nil,
                              attributes: [Attribute] = [], _ text: String) -> Node {
        container("button", className, id, [Attribute("type", type.rawValue)] + attributes, [.text(text)])
    }

    /// A drop-down list (`<select name>`) of `option`s.
    public static func select(name: String, id: String? = nil, class className: String? = nil, required: Bool = false,
                              attributes: [Attribute] = [], _ options: [Node]) -> Node {
        container("select", className, id, [.name(name)] + (required ? [.required] : []) + attributes, options)
    }

    /// One choice in a `select` (`<option value>`), showing `label` as escaped text.
    public static func option(value: String, _ label: String, selected: Bool = false, disabled: Bool = false) -> Node {
        var all = [Attribute.value(value)]
        if selected { all.append(.selected) }
        if disabled { all.append(.disabled) }
        return known("option", .normal, all, [.text(label)])
    }

    /// A multi-line text field (`<textarea name>`) whose initial content is escaped `text`.
    public static func textarea(name: String, id: String? = nil, class className: String? = nil, rows: Int? = nil,
                                required: Bool = false, attributes: [Attribute] = [], _ text: String = "") -> Node {
        var all = [Attribute.name(name)]
        if let rows { all.append(Attribute("rows", String(rows))) }
        if required { all.append(.required) }
        return container("textarea", className, id, all + attributes, [.text(text)])
    }
}
