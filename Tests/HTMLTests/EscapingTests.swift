import XCTest
import HTML

final class EscapingTests: XCTestCase {
    func testEachSpecialCharacterIsEscapedInText() {
        XCTAssertEqual(Node.text("&").render(), "&amp;")
        XCTAssertEqual(Node.text("<").render(), "&lt;")
        XCTAssertEqual(Node.text(">").render(), "&gt;")
        XCTAssertEqual(Node.text("\"").render(), "&quot;")
        XCTAssertEqual(Node.text("'").render(), "&#39;")
    }

    func testEachSpecialCharacterIsEscapedInAttributeValues() {
        let node = Node.element("span", [Attribute("title", "a&b<c>d\"e'f")])
        XCTAssertEqual(node.render(), "<span title=\"a&amp;b&lt;c&gt;d&quot;e&#39;f\"></span>")
    }

    func testOrdinaryAndNonASCIITextPassesThroughUnchanged() {
        let text = "Zoë Müller — 日本語 🩺, age 42; a=b"
        XCTAssertEqual(Node.text(text).render(), text)
        XCTAssertEqual(Node.text("").render(), "")
    }

    func testEscapingIsAppliedAtEveryPositionNotJustTheFirst() {
        XCTAssertEqual(Node.text("<<a>>&&").render(), "&lt;&lt;a&gt;&gt;&amp;&amp;")
        XCTAssertEqual(Node.text("x<").render(), "x&lt;")
        XCTAssertEqual(Node.text("<x").render(), "&lt;x")
    }

    func testAlreadyEscapedTextIsEscapedAgain() {
        // Text is text: an entity typed by a user shows as typed.
        XCTAssertEqual(Node.text("&lt;b&gt;").render(), "&amp;lt;b&amp;gt;")
    }

    func testStringLiteralsAndInterpolationsAreEscapedText() {
        let name = "<b>Eve</b>"
        let node = Node.p(["Hello, \(name)", " & ", .strong(name)])
        XCTAssertEqual(node.render(), "<p>Hello, &lt;b&gt;Eve&lt;/b&gt; &amp; <strong>&lt;b&gt;Eve&lt;/b&gt;</strong></p>")
    }

    func testTextHelpersEscapeTheirString() {
        XCTAssertEqual(Node.h1("A<B").render(), "<h1>A&lt;B</h1>")
        XCTAssertEqual(Node.td("1 > 0").render(), "<td>1 &gt; 0</td>")
        XCTAssertEqual(Node.option(value: "\"x\"", "O'Brien").render(), "<option value=\"&quot;x&quot;\">O&#39;Brien</option>")
        XCTAssertEqual(Node.textarea(name: "note", "</textarea><script>").render(),
                       "<textarea name=\"note\">&lt;/textarea&gt;&lt;script&gt;</textarea>")
        XCTAssertEqual(Node.title("a & b").render(), "<title>a &amp; b</title>")
    }

    func testRawEmitsLiteralVerbatim() {
        XCTAssertEqual(Node.raw("<!DOCTYPE html>").render(), "<!DOCTYPE html>")
        XCTAssertEqual(Node.raw("<svg><path d=\"M0 0\"/></svg>").render(), "<svg><path d=\"M0 0\"/></svg>")
    }

    func testRenderBytesMatchesRenderAndRenderIntoAppends() {
        let node = Node.p(class: "x", ["é & <", .em("ü")])
        XCTAssertEqual(node.renderBytes(), Array(node.render().utf8))
        var buffer = Array("HTTP body: ".utf8)
        node.render(into: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), "HTTP body: <p class=\"x\">é &amp; &lt;<em>ü</em></p>")
    }
}
