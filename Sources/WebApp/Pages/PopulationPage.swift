import CareCore
import CareServices
import Foundation
import HTML
import HTTPServer
import Storage

/// Population counts for analysts (and supervisors): no row here identifies a person.
enum PopulationPage {
    static func handle(services: CareServices, signed: PageRoutes.Signed) throws -> HTTPResponse {
        let a = try services.patients.aggregates(by: signed.context)
        let thisYear = Calendar(identifier: .gregorian).component(.year, from: Date())
        var bands: [(String, Int)] = [("0–17", 0), ("18–39", 0), ("40–64", 0), ("65–74", 0), ("75–84", 0), ("85+", 0)]
        for (year, n) in a.byBirthYear {
            let age = thisYear - year
            let i = age < 18 ? 0 : age < 40 ? 1 : age < 65 ? 2 : age < 75 ? 3 : age < 85 ? 4 : 5
            bands[i].1 += n
        }
        return Responses.html(Layout.page(title: "Population", chrome: signed.chrome("population"), [
            .h1("Population"),
            .p(id: "population-total", "\(a.total) patients in the registry"),
            .div(class: "chart-grid", [
                table("Age (approximate)", bands),
                table("Sex", a.bySex.map { (Sex(rawValue: $0.0)?.title ?? $0.0, $0.1) }),
                table("Preferred language", a.byLanguage),
            ]),
        ]))
    }

    private static func table(_ title: String, _ rows: [(String, Int)]) -> Node {
        let maxCount = max(1, rows.map(\.1).max() ?? 1)
        return .section(class: "card", [
            .h2(title),
            .table(class: "counts", [
                .tbody(rows.map { label, n in
                    .tr([.th(label), .td(String(n)),
                         .td([.svg(viewBox: "0 0 100 10", width: 120, height: 12, attributes: [.aria("hidden", "true")], [
                             .rect(x: 0, y: 0, width: Double(n) * 100 / Double(maxCount), height: 10, class: "bar"),
                         ])])])
                }),
            ]),
        ])
    }
}
