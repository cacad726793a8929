extension Attribute {
    /// `class="…"`.
    public static func `class`(_ names: String) -> Attribute { Attribute("class", names) }
    /// `id="…"`.
    public static func id(_ id: String) -> Attribute { Attribute("id", id) }
    /// `href="…"`, relative or http(s) only; anything else (`javascript:`, `data:`) renders `#`.
    public static func href(_ url: String) -> Attribute { Attribute("href", url) }
    /// `src="…"`, relative or http(s) only; anything else renders `#`.
    public static func src(_ url: String) -> Attribute { Attribute("src", url) }
    /// `name="…"`.
    public static func name(_ name: String) -> Attribute { Attribute("name", name) }
    /// `value="…"`.
    public static func value(_ value: String) -> Attribute { Attribute("value", value) }
    /// `type="…"`.
    public static func type(_ type: String) -> Attribute { Attribute("type", type) }
    /// `title="…"` (tooltip).
    public static func title(_ title: String) -> Attribute { Attribute("title", title) }
    /// `placeholder="…"`.
    public static func placeholder(_ text: String) -> Attribute { Attribute("placeholder", text) }
    /// `for="…"`, the id of the control a label describes.
    public static func `for`(_ id: String) -> Attribute { Attribute("for", id) }
    /// `rel="…"`.
    public static func rel(_ rel: String) -> Attribute { Attribute("rel", rel) }
    /// `role="…"`.
    public static func role(_ role: String) -> Attribute { Attribute("role", role) }
    /// `style="…"` (inline CSS).
    public static func style(_ css: String) -> Attribute { Attribute("style", css) }
    /// `autocomplete="…"`.
    public static func autocomplete(_ hint: String) -> Attribute { Attribute("autocomplete", hint) }
    /// `data-<key>="…"`; the key must be `[a-zA-Z0-9-:]`.
    public static func data(_ key: String, _ value: String) -> Attribute { Attribute("data-" + key, value) }
    /// `aria-<key>="…"`, e.g. `.aria("label", "Close")`.
    public static func aria(_ key: String, _ value: String) -> Attribute { Attribute("aria-" + key, value) }

    /// `required`.
    public static let required = Attribute.boolean("required")
    /// `disabled`.
    public static let disabled = Attribute.boolean("disabled")
    /// `checked`.
    public static let checked = Attribute.boolean("checked")
    /// `selected`.
    public static let selected = Attribute.boolean("selected")
    /// `readonly`.
    public static let readonly = Attribute.boolean("readonly")
    /// `multiple`.
    public static let multiple = Attribute.boolean("multiple")
    /// `autofocus`.
    public static let autofocus = Attribute.boolean("autofocus")
    /// `hidden`.
    public static let hidden = Attribute.boolean("hidden")
    /// `novalidate`.
    public static let novalidate = Attribute.boolean("novalidate")
}
