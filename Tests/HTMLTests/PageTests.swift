import XCTest
import HTML

final class PageTests: XCTestCase {
    func testWholeSmallPageRendersExactly() {
        let page = Node.document(
            head: [.title("Tasks <today>"), .meta(name: "viewport", content: "width=device-width"), .link(rel: "stylesheet", href: "/app.css")],
            body: [
                .header([.nav([.a(href: "/", "Home"), .a(href: "/tasks", attributes: [.aria("current", "page")], "Tasks")])]),
                .main([
                    .h1("Tasks"),
                    .p(["Signed in as ", .strong("O'Neil & Co")]),
                ]),
                .footer([.small("v1")]),
            ],
            bodyClass: "app")
        XCTAssertEqual(page.render(), """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tasks &lt;today&gt;</title>\
            <meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/app.css"></head>\
            <body class="app"><header><nav><a href="/">Home</a><a href="/tasks" aria-current="page">Tasks</a></nav></header>\
            <main><h1>Tasks</h1><p>Signed in as <strong>O&#39;Neil &amp; Co</strong></p></main>\
            <footer><small>v1</small></footer></body></html>
            """)
    }

    func testRealisticPatientListPageRendersAndEscapesRowData() {
        let patients = (1...20).map { SamplePatient(id: $0, name: $0 == 7 ? "<script>x</script>" : "Patient \($0)", risk: $0 % 3) }
        let html = PatientListPage(patients: patients, query: "\"q", page: 2).body.render()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html><html lang=\"en\">"))
        XCTAssertTrue(html.hasSuffix("</body></html>"))
        XCTAssertEqual(html.components(separatedBy: "<tr").count - 1, 21)  // header row + 20 patients
        XCTAssertTrue(html.contains("<td><a href=\"/patients/7\">&lt;script&gt;x&lt;/script&gt;</a></td>"))
        XCTAssertFalse(html.contains("<script>x"))
        XCTAssertTrue(html.contains("value=\"&quot;q\""))
        XCTAssertEqual(PatientListPage(patients: patients, query: "", page: 2).elementCount, 238)
    }

    func testLargeTableRendersIntoOneBuffer() {
        let rows = (0..<5_000).map { i in Node.tr([.td("Row \(i)"), .td("a < b & c"), .td([.a(href: "/r/\(i)", "open")])]) }
        var expected = "<table><tbody>"
        for i in 0..<5_000 {
            expected += "<tr><td>Row \(i)</td><td>a &lt; b &amp; c</td><td><a href=\"/r/\(i)\">open</a></td></tr>"
        }
        expected += "</tbody></table>"
        XCTAssertEqual(Node.table([.tbody(rows)]).renderBytes(), Array(expected.utf8))
    }
}
