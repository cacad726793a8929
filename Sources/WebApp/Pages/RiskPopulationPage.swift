import CareCore
import CareServices
import Foundation
import HTML
import HTTPServer
import Storage

/// `/population/risk`: the latest risk run's tier distribution (SVG bars) and, for roles that may see named
/// patients, a filterable list of the highest-risk (or rising) patients with why. Analysts and administrators
/// see the counts only. The list is audited like a search (`RiskViewService.population`).
enum RiskPopulationPage {
    static func handle(services: CareServices, signed: PageRoutes.Signed) throws -> HTTPResponse {
        let q = signed.web.request.queryItems
        let query: RiskListQuery
        do {
            query = try RiskQueryParsing.parse(list: q["list"], tier: q["tier"], limit: q["limit"], after: q["after"])
        } catch {
            return Responses.html(ErrorPage.render(status: 422, message: "Unknown list, tier, limit or page.", chrome: signed.chrome("risk")), status: 422)
        }
        let view = try services.risk.population(query, by: signed.context)
        return Responses.html(Layout.page(title: "Population risk", chrome: signed.chrome("risk"), render(view)))
    }

    static func render(_ view: RiskPopulationView) -> [Node] {
        guard let run = view.run else {
            return [.h1("Population risk"), .p(class: "empty", id: "risk-no-run", "No risk run yet. An operator runs `tend risk run --db …`.")]
        }
        let scopeText = switch view.scope {
        case .organization: "Your organization."
        case .careTeam: "Patients on your care teams."
        case .aggregatesOnly: "Your role sees de-identified counts only, not named patients."
        }
        return [
            .h1("Population risk"),
            .p(id: "risk-run", "Run \(run.id) · \(run.model) payment year \(run.paymentYear) · \(run.patientsScored) patients · finished \(run.finishedAt ?? "")"),
            .p(class: "meta", scopeText),
            .section(class: "card", id: "risk-tiers", attributes: [.aria("labelledby", "risk-tiers-title")], [
                .h2(id: "risk-tiers-title", "Tiers"),
                distributionChart(view.tierCounts),
                .p(id: "risk-rising", "\(view.risingCount) rising (score up by at least \(String(format: "%g", view.risingDelta)) since the previous run)."),
                .p(class: "meta", "Tier rules: " + tierRules(run.parameters)),
            ]),
            view.entries.map { list($0, view: view) } ?? .empty,
        ]
    }

    /// One horizontal bar per tier, labelled with its count.
    static func distributionChart(_ counts: [(tier: String, count: Int)]) -> Node {
        let total = max(1, counts.map(\.count).reduce(0, +))
        let maxCount = Double(max(1, counts.map(\.count).max() ?? 1))
        var children: [Node] = [.title("Patients per risk tier")]
        for (index, entry) in counts.enumerated() {
            let y = Double(index) * 30
            let percent = Double(entry.count) * 100 / Double(total)
            children.append(.svgText(x: 0, y: y + 17, class: "bar-label", entry.tier.capitalized))
            children.append(.rect(x: 90, y: y + 4, width: max(0.5, Double(entry.count) / maxCount * 300), height: 18, class: "bar tier-\(entry.tier)"))
            children.append(.svgText(x: 400, y: y + 17, class: "bar-value", "\(entry.count) (\(String(format: "%.1f", percent))%)"))
        }
        return .svg(viewBox: "0 0 520 \(counts.count * 30)", width: 520, height: Double(counts.count * 30), class: "risk-chart",
                    attributes: [.role("img"), .aria("label", counts.map { "\($0.tier) \($0.count)" }.joined(separator: ", "))], children)
    }

    static func list(_ entries: [RiskListEntry], view: RiskPopulationView) -> Node {
        let q = view.query
        var next = "/population/risk?list=\(q.kind.rawValue)&limit=\(q.limit)"
        if let tier = q.tier { next += "&tier=\(tier)" }
        return .section(class: "card", id: "risk-list", attributes: [.aria("labelledby", "risk-list-title")], [
            .h2(id: "risk-list-title", q.kind == .top ? "Highest risk" : "Rising risk"),
            .form(method: .get, action: "/population/risk", class: "inline-form", [
                .label(for: "f-risk-list", "List"),
                .select(name: "list", id: "f-risk-list", [
                    .option(value: "top", "Highest scores", selected: q.kind == .top),
                    .option(value: "rising", "Rising since the previous run", selected: q.kind == .rising),
                ]),
                .label(for: "f-risk-tier", "Tier"),
                .select(name: "tier", id: "f-risk-tier", [.option(value: "", "All", selected: q.tier == nil)]
                        + RiskListQuery.tiers.map { .option(value: $0, $0.capitalized, selected: q.tier == $0) }),
                .button("Show"),
            ]),
            entries.isEmpty ? .p(class: "empty", "No patients in this list.") : .table(class: "risk-table", [
                .thead([.tr([.th("Patient"), .th("Score"), .th("Tier"), .th("Change"), .th("Why"), .th("ED / IP / readmit / LACE")])]),
                .tbody(entries.map { entry in
                    let s = entry.score
                    return .tr([
                        .td([.a(href: "/patients/\(FormData.encode(s.patientID))", "\(s.givenName) \(s.familyName)")]),
                        .td(String(format: "%.3f", s.score)),
                        .td([.span(class: "tag tier-\(s.tier)", s.tier)]),
                        .td(s.delta.map { String(format: "%+.3f", $0) } ?? "new"),
                        .td([.ul(class: "reasons", entry.reasons.map { .li($0) })]),
                        .td("\(s.emergencyVisits) / \(s.admissions) / \(s.readmissions) / \(s.lace.map(String.init) ?? "–")"),
                    ])
                }),
            ]),
            view.nextCursor.map { .p([.a(href: next + "&after=" + RiskQueryParsing.encode($0), id: "risk-next", "Next page")]) } ?? .empty,
        ])
    }

    /// The run's stored parameters in words ("top 5% high, next 15% moderate, …"); the raw JSON when it is not the expected shape.
    static func tierRules(_ json: String) -> String {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              let high = object["high_percent"] as? Double, let moderate = object["moderate_percent"] as? Double else { return json }
        var parts = ["top \(String(format: "%g", high))% high", "next \(String(format: "%g", moderate))% moderate"]
        if let delta = object["rising_delta"] as? Double { parts.append("rising when the score is up \(String(format: "%g", delta)) or more") }
        if let asOf = object["as_of"] as? String { parts.append("as of \(asOf)") }
        if let days = object["lookback_days"] as? Int { parts.append("utilization over \(days) days") }
        parts.append("ties: the earlier registered patient ranks first")
        return parts.joined(separator: "; ") + "."
    }
}
