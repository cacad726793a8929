extension Node {
    /// A whole page: `<!DOCTYPE html><html lang><head>…</head><body>…</body></html>`,
    /// with `<meta charset="utf-8">` first in the head.
    public static func document(lang: String = "en", head: [Node], body: [Node], bodyClass: String? = nil) -> Node {
        .fragment([
            .raw("<!DOCTYPE html>"),
            known("html", .normal, [Attribute("lang", lang)], [
                .head([.meta(charset: "utf-8")] + head),
                .body(class: bodyClass, body),
            ]),
        ])
    }

    /// The page title (`<title>`), escaped.
    public static func title(_ text: String) -> Node {
        known("title", .normal, [], [.text(text)])
    }

    /// `<meta charset>` (void).
    public static func meta(charset: String) -> Node {
        known("meta", .void, [Attribute("charset", charset)], [])
    }

    /// `<meta name content>` (void), e.g. `viewport`.
    public static func meta(name: String, content: String) -> Node {
        known("meta", .void, [.name(name), Attribute("content", content)], [])
    }

    /// `<link rel href>` (void), e.g. a stylesheet; `href` must be relative or http(s).
    public static func link(rel: String, href: String) -> Node {
        known("link", .void, [.rel(rel), .href(href)], [])
    }

    /// An external script (`<script src defer></script>`); `src` must be relative or http(s).
    public static func script(src: String, defer deferred: Bool = true) -> Node {
        known("script", .rawText, [.src(src)] + (deferred ? [.boolean("defer")] : []), [])
    }

    /// An inline script whose source is a literal in the Swift code (`<script>…</script>`).
    public static func script(_ trusted: StaticString) -> Node {
        known("script", .rawText, [], [.raw(trusted)])
    }

    /// An inline stylesheet whose source is a literal in the Swift code (`<style>…</style>`).
    public static func style(_ trusted: StaticString) -> Node {
        known("style", .rawText, [], [.raw(trusted)])
    }
}
