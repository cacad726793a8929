import XCTest
import HTML

final class ElementTests: XCTestCase {
    func testVoidElementsHaveNoClosingTagAndDropChildren() {
        XCTAssertEqual(Node.br.render(), "<br>")
        XCTAssertEqual(Node.hr(class: "rule").render(), "<hr class=\"rule\">")
        XCTAssertEqual(Node.meta(charset: "utf-8").render(), "<meta charset=\"utf-8\">")
        XCTAssertEqual(Node.link(rel: "stylesheet", href: "/app.css").render(), "<link rel=\"stylesheet\" href=\"/app.css\">")
        XCTAssertEqual(Node.img(src: "/a.png", alt: "A").render(), "<img src=\"/a.png\" alt=\"A\">")
        XCTAssertEqual(Node.element("INPUT", [.name("x")], ["ignored"]).render(), "<INPUT name=\"x\">")
        XCTAssertEqual(Node.element("br", [], [.p("ignored")]).render(), "<br>")
    }

    func testBooleanAttributesRenderAsBareNames() {
        let node = Node.input(type: .email, name: "email", id: "email", required: true, disabled: true, attributes: [.autofocus])
        XCTAssertEqual(node.render(), "<input id=\"email\" type=\"email\" name=\"email\" required disabled autofocus>")
    }

    func testInputOmitsUnsetOptions() {
        XCTAssertEqual(Node.input(type: .hidden, name: "csrf", value: "t0k").render(),
                       "<input type=\"hidden\" name=\"csrf\" value=\"t0k\">")
        XCTAssertEqual(Node.input(type: .dateTimeLocal, name: "at").render(), "<input type=\"datetime-local\" name=\"at\">")
    }

    func testClassAndIDComeFirstThenOtherAttributesInOrder() {
        let node = Node.div(class: "card", id: "c1", attributes: [.data("patient-id", "7"), .aria("label", "Card")], [])
        XCTAssertEqual(node.render(), "<div class=\"card\" id=\"c1\" data-patient-id=\"7\" aria-label=\"Card\"></div>")
    }

    func testNestingAndFragments() {
        let node = Node.ul(class: "tasks", [
            .li("one"),
            .fragment([.li("two"), .li(["three ", .em("now")])]),
            .empty,
        ])
        XCTAssertEqual(node.render(), "<ul class=\"tasks\"><li>one</li><li>two</li><li>three <em>now</em></li></ul>")
    }

    func testListsFromArraysAndConditionals() {
        func page(names: [String], showFooter: Bool) -> Node {
            .div([
                .ol(names.map { .li($0) }),
                showFooter ? .footer(["f"]) : .empty,
            ])
        }
        XCTAssertEqual(page(names: ["Ann", "Bob"], showFooter: false).render(), "<div><ol><li>Ann</li><li>Bob</li></ol></div>")
        XCTAssertEqual(page(names: [], showFooter: true).render(), "<div><ol></ol><footer>f</footer></div>")
    }

    func testSelectWithSelectedOption() {
        let node = Node.select(name: "risk", id: "risk", required: true, [
            .option(value: "low", "Low"),
            .option(value: "high", "High", selected: true),
            .option(value: "", "—", disabled: true),
        ])
        XCTAssertEqual(node.render(),
                       "<select id=\"risk\" name=\"risk\" required><option value=\"low\">Low</option>"
                       + "<option value=\"high\" selected>High</option><option value=\"\" disabled>—</option></select>")
    }

    func testFormLabelButtonAndTextarea() {
        let node = Node.form(method: .get, action: "/search", [
            .label(for: "q", "Search"),
            .textarea(name: "q", id: "q", rows: 3, required: true),
            .button("Go"),
            .button(type: .reset, class: "secondary", ["Clear"]),
        ])
        XCTAssertEqual(node.render(),
                       "<form method=\"get\" action=\"/search\"><label for=\"q\">Search</label>"
                       + "<textarea id=\"q\" name=\"q\" rows=\"3\" required></textarea>"
                       + "<button type=\"submit\">Go</button><button class=\"secondary\" type=\"reset\">Clear</button></form>")
    }

    func testTable() {
        let node = Node.table(class: "grid", [
            .thead([.tr([.th("Name"), .th(attributes: [Attribute("scope", "col")], "Due")])]),
            .tbody([.tr([.td("A"), .td(["1"])])]),
        ])
        XCTAssertEqual(node.render(),
                       "<table class=\"grid\"><thead><tr><th>Name</th><th scope=\"col\">Due</th></tr></thead>"
                       + "<tbody><tr><td>A</td><td>1</td></tr></tbody></table>")
    }

    func testSVGBasics() {
        let node = Node.svg(viewBox: "0 0 100 50", width: 100, height: 50, [
            .polyline(points: [(0, 50), (10.5, 20), (20, Double.nan)], class: "trend"),
            .rect(x: 0, y: 0, width: 1, height: 2),
            .line(x1: 0, y1: 1, x2: 2, y2: 3),
            .circle(cx: 1, cy: 2, r: 0.25),
            .path(d: "M0 0L1 1"),
            .g(class: "labels", [.svgText(x: 1, y: 2, "<5")]),
        ])
        XCTAssertEqual(node.render(),
                       "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\" width=\"100\" height=\"50\">"
                       + "<polyline class=\"trend\" points=\"0,50 10.5,20 20,0\"></polyline>"
                       + "<rect x=\"0\" y=\"0\" width=\"1\" height=\"2\"></rect>"
                       + "<line x1=\"0\" y1=\"1\" x2=\"2\" y2=\"3\"></line>"
                       + "<circle cx=\"1\" cy=\"2\" r=\"0.25\"></circle>"
                       + "<path d=\"M0 0L1 1\"></path>"
                       + "<g class=\"labels\"><text x=\"1\" y=\"2\">&lt;5</text></g></svg>")
    }

    func testLinkAndTime() {
        XCTAssertEqual(Node.a(href: "/p?id=1&x=2", class: "btn", "Open").render(),
                       "<a class=\"btn\" href=\"/p?id=1&amp;x=2\">Open</a>")
        XCTAssertEqual(Node.time(datetime: "2026-12-01", "1 Dec").render(), "<time datetime=\"2026-12-01\">1 Dec</time>")
    }
}
