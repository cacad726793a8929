import XCTest
import HTML

final class InjectionTests: XCTestCase {
    func testClosingScriptTagInTextCannotCloseAnything() {
        let node = Node.div(["</script><script>alert(1)</script>"])
        XCTAssertEqual(node.render(), "<div>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</div>")
    }

    func testAttributeBreakoutIsEscaped() {
        let node = Node.input(type: .text, name: "q", value: "\"><img src=x onerror=alert(1)>")
        XCTAssertEqual(node.render(), "<input type=\"text\" name=\"q\" value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">")
    }

    func testSingleQuoteBreakoutIsEscaped() {
        let node = Node.span(class: "' onmouseover='alert(1)", "x")
        XCTAssertEqual(node.render(), "<span class=\"&#39; onmouseover=&#39;alert(1)\">x</span>")
    }

    func testJavascriptHrefRendersHash() {
        for url in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\u{1}javascript:alert(1)",
                    "java\tscript:alert(1)", "java\nscript:alert(1)", "\njavascript:alert(1)",
                    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd", "mailto:x@example.org"] {
            XCTAssertEqual(Node.a(href: url, "x").render(), "<a href=\"#\">x</a>", url.debugDescription)
        }
    }

    func testHTTPAndRelativeHrefsAreKept() {
        for url in ["https://example.org/a?b=c", "HTTP://example.org", "/patients/12", "patients/12", "?page=2",
                    "#top", "//cdn.example.org/x.js", "/search?at=12:30", "", "./a:b/../c"] {
            XCTAssertEqual(Attribute.href(url).value, url, url)
        }
    }

    func testURLAttributesAreCheckedWhateverHelperMadeThem() {
        XCTAssertEqual(Attribute("src", "javascript:alert(1)").value, "#")
        XCTAssertEqual(Attribute("SRC", "javascript:alert(1)").value, "#")
        XCTAssertEqual(Attribute("formaction", "javascript:alert(1)").value, "#")
        XCTAssertEqual(Attribute("xlink:href", "javascript:alert(1)").value, "#")
        XCTAssertEqual(Node.form(action: "javascript:alert(1)", []).render(), "<form method=\"post\" action=\"#\"></form>")
        XCTAssertEqual(Node.img(src: "data:image/svg+xml,<svg onload=alert(1)>", alt: "").render(), "<img src=\"#\" alt=\"\">")
        XCTAssertEqual(Node.script(src: "javascript:alert(1)").render(), "<script src=\"#\" defer></script>")
    }

    func testEventHandlerAttributesFromStringsAreOmitted() {
        let node = Node.element("div", [Attribute("onclick", "alert(1)"), Attribute("OnMouseOver", "x"), Attribute("srcdoc", "<script>")])
        XCTAssertEqual(node.render(), "<div></div>")
        XCTAssertFalse(Attribute("onerror", "x").isRendered)
    }

    func testTrustedLiteralAttributeIsKeptAndStillEscaped() {
        let node = Node.button(type: .button, attributes: [Attribute("onclick", trusted: "go('a&b')")], "Back")
        XCTAssertEqual(node.render(), "<button type=\"button\" onclick=\"go(&#39;a&amp;b&#39;)\">Back</button>")
    }

    func testScriptAndStyleElementsDropTextChildren() {
        XCTAssertEqual(Node.element("script", [], ["alert(1)", .text("`${x}`")]).render(), "<script></script>")
        XCTAssertEqual(Node.element("STYLE", [], ["body{}"]).render(), "<STYLE></STYLE>")
        XCTAssertEqual(Node.element("script", [], [.raw("init();"), .fragment([.raw("go();")])]).render(),
                       "<script>init();go();</script>")
        XCTAssertEqual(Node.script("window.x = 1;").render(), "<script>window.x = 1;</script>")
    }

    func testInvalidTagNamesRenderAsVisibleEscapedText() {
        XCTAssertEqual(Node.element("img src=x onerror=alert(1)", [.id("a")], ["child"]).render(),
                       "&lt;img src=x onerror=alert(1)&gt;child&lt;/img src=x onerror=alert(1)&gt;")
        XCTAssertEqual(Node.element("", [], []).render(), "&lt;&gt;&lt;/&gt;")
        XCTAssertEqual(Node.element("1div", [], []).render(), "&lt;1div&gt;&lt;/1div&gt;")
        XCTAssertEqual(Node.element("a>", [], []).render(), "&lt;a&gt;&gt;&lt;/a&gt;&gt;")
    }

    func testValidTagNamesWithDigitsDashesAndColonsAreElements() {
        XCTAssertEqual(Node.element("my-widget", [], []).render(), "<my-widget></my-widget>")
        XCTAssertEqual(Node.element("svg:rect", [], []).render(), "<svg:rect></svg:rect>")
        XCTAssertEqual(Node.element("H6", [], []).render(), "<H6></H6>")
    }

    func testInvalidAttributeNamesAreOmitted() {
        let attributes = [Attribute("x onload", "1"), Attribute("a=\"b\"", "1"), Attribute("", "1"), Attribute("a_b", "1"),
                          .boolean("bad name"), .data("x y", "1"), Attribute("ok", "1")]
        XCTAssertEqual(Node.element("div", attributes).render(), "<div ok=\"1\"></div>")
    }
}
