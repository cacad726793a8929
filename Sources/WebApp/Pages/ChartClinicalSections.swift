import CareServices
import Foundation
import HTML
import Storage

/// The chart's sections for the imported clinical record: problems, encounters (ED visits and
/// admissions highlighted), medications, allergies, vitals and labs with a small trend, claims cost.
enum ChartClinicalSections {
    /// Every clinical section, in chart order; `nil` (no summary) shows the empty states.
    static func all(_ summary: ClinicalSummary?) -> [Node] {
        let s = summary ?? ClinicalSummary()
        // Small lists first, then the wide tables (on wide screens the timeline takes a whole row and the
        // measures two columns, so that dates and values are not squeezed into a third of the page).
        return [problems(s), medications(s), allergies(s), measures(s.vitals, title: "Latest vitals", id: "vitals"),
                encounters(s), measures(s.labs, title: "Latest labs", id: "labs"), cost(s)]
    }

    static func problems(_ s: ClinicalSummary) -> Node {
        card("Problems", id: "problems", s.problems.isEmpty ? [.p(class: "empty", "No active problems recorded.")] : [
            .ul(s.problems.map { problem in
                .li([.text(problem.display), problem.onset.isEmpty ? .empty : .small(class: "muted", " since \(day(problem.onset))")])
            }),
        ])
    }

    static func encounters(_ s: ClinicalSummary) -> Node {
        let emergency = s.encounterCounts["EMER"] ?? 0, inpatient = s.encounterCounts["IMP"] ?? 0
        let total = s.encounterCounts.values.reduce(0, +)
        guard total > 0 else { return card("Encounters", id: "encounters", [.p(class: "empty", "No encounters recorded.")]) }
        let rows: [Node] = s.encounters.map { encounter in
            let kind = classTitle(encounter.classCode)
            let highlight = encounter.classCode == "EMER" ? "encounter-emergency" : encounter.classCode == "IMP" ? "encounter-admission" : nil
            return .tr(class: highlight, [
                .td(class: "nowrap", day(encounter.start)),
                .td(highlight == nil ? [.text(kind)] : [.strong(kind)]),
                .td(encounter.type),
                .td(encounter.reason.isEmpty ? "—" : encounter.reason),
                .td(encounter.dischargeDisposition.isEmpty ? "—" : encounter.dischargeDisposition),
            ])
        }
        return card("Encounters", id: "encounters", width: "card-full", [
            .p(class: "encounter-counts", [
                .text("\(total) encounters · "), .strong(class: emergency > 0 ? "count-emergency" : nil, "\(emergency) ED visit\(emergency == 1 ? "" : "s")"),
                .text(" · "), .strong(class: inpatient > 0 ? "count-admission" : nil, "\(inpatient) admission\(inpatient == 1 ? "" : "s")"),
            ]),
            .table(class: "encounter-timeline", [
                .caption(class: "visually-hidden", "Latest \(s.encounters.count) encounters, newest first"),
                .thead([.tr([.th("Date"), .th("Kind"), .th("Type"), .th("Reason"), .th("Discharge")])]),
                .tbody(rows),
            ]),
        ])
    }

    static func medications(_ s: ClinicalSummary) -> Node {
        card("Medications", id: "medications", s.medications.isEmpty ? [.p(class: "empty", "No current medications recorded.")] : [
            .ul(s.medications.map { .li([.text($0.display), .small(class: "muted", " · \($0.status) since \(day($0.date))")]) }),
        ])
    }

    static func allergies(_ s: ClinicalSummary) -> Node {
        card("Allergies", id: "allergies", s.allergies.isEmpty ? [.p(class: "empty", "No allergies recorded.")] : [
            .ul(s.allergies.map { allergy in
                .li([.text(allergy.display), allergy.status.isEmpty ? .empty : .span(class: "tag", allergy.status),
                     allergy.detail.isEmpty ? .empty : .small(class: "muted", " \(allergy.detail)")])
            }),
        ])
    }

    static func measures(_ measures: [ChartMeasure], title: String, id: String) -> Node {
        card(title, id: id, width: measures.isEmpty ? nil : "card-wide", measures.isEmpty ? [.p(class: "empty", "None recorded.")] : [
            .table(class: "measures", [
                .thead([.tr([.th("Measure"), .th("Latest"), .th("Date"), .th("Trend")])]),
                .tbody(measures.map { measure in
                    let latest = measure.points.last
                    return .tr([
                        .td(measure.display),
                        .td(class: "nowrap", latest.map { "\(number($0.value)) \(measure.unit)" } ?? "—"),
                        .td(class: "nowrap", latest.map { day($0.date) } ?? ""),
                        .td([sparkline(measure)]),
                    ])
                }),
            ]),
        ])
    }

    static func cost(_ s: ClinicalSummary) -> Node {
        guard let highest = s.costByMonth.map(\.total).max(), highest > 0 else {
            return card("Claims cost by month", id: "claims-cost", [.p(class: "empty", "No claims recorded.")])
        }
        let width = 24.0, gap = 4.0, height = 80.0
        let bars: [Node] = s.costByMonth.enumerated().map { index, month in
            let barHeight = max(1, month.total / highest * height)
            return .rect(x: Double(index) * (width + gap), y: height - barHeight, width: width, height: barHeight, class: "bar",
                         attributes: [.aria("label", "\(month.month): $\(money(month.total))")])
        }
        let total = s.costByMonth.map(\.total).reduce(0, +)
        return card("Claims cost by month", id: "claims-cost", [
            .svg(viewBox: "0 0 \(Int(Double(s.costByMonth.count) * (width + gap))) \(Int(height))", width: 320, height: 90, class: "cost-chart",
                 attributes: [.role("img"), .aria("label", "Claims cost per month, \(s.costByMonth.first?.month ?? "") to \(s.costByMonth.last?.month ?? "")")],
                 bars),
            .table(class: "counts", [
                .thead([.tr([.th("Month"), .th("Claims"), .th("Cost (USD)")])]),
                .tbody(s.costByMonth.reversed().map { .tr([.td($0.month), .td(class: "number", "\($0.claims)"), .td(class: "number", money($0.total))]) }),
                .tfoot([.tr([.th("Total"), .td(class: "number", "\(s.costByMonth.map(\.claims).reduce(0, +))"), .td(class: "number", money(total))])]),
            ]),
        ])
    }

    /// A small line of the measure's values over time (time on x, value on y).
    static func sparkline(_ measure: ChartMeasure) -> Node {
        guard measure.points.count > 1, let first = measure.points.first, let last = measure.points.last else { return .text("") }
        let values = measure.points.map(\.value)
        let low = values.min() ?? 0, high = values.max() ?? 0
        let span = max(last.seconds - first.seconds, 1), range = max(high - low, 1e-9)
        let width = 100.0, height = 24.0
        let points = measure.points.map { point in
            (x: (point.seconds - first.seconds) / span * width, y: high == low ? height / 2 : height - 2 - (point.value - low) / range * (height - 4))
        }
        return .svg(viewBox: "0 0 \(Int(width)) \(Int(height))", width: width, height: height, class: "sparkline",
                    attributes: [.role("img"), .aria("label", "\(measure.display): \(values.map(number).joined(separator: ", "))")],
                    [.polyline(points: points, class: "trend")])
    }

    /// A chart card; `width` is `card-wide` (two columns on wide screens) or `card-full` (a whole row).
    private static func card(_ title: String, id: String, width: String? = nil, _ content: [Node]) -> Node {
        .section(class: width.map { "card " + $0 } ?? "card", id: id, attributes: [.aria("labelledby", id + "-title")], [.h2(id: id + "-title", title)] + content)
    }

    static func classTitle(_ code: String) -> String {
        switch code {
        case "EMER": "ED visit"
        case "IMP", "ACUTE", "NONAC": "Admission"
        case "AMB": "Ambulatory"
        case "OBSENC": "Observation stay"
        case "HH": "Home health"
        case "VR": "Virtual"
        case "": "Encounter"
        default: code
        }
    }

    /// The date part of a FHIR date or dateTime.
    static func day(_ text: String) -> String { String(text.prefix(10)) }

    /// Dollars with cents and thousands separators: 23,133.50.
    static func money(_ value: Double) -> String {
        let cents = Int((abs(value) * 100).rounded())
        var whole = String(cents / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let fraction = cents % 100
        return (value < 0 ? "-" : "") + groups.joined(separator: ",") + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// At most two decimals, without trailing zeros (10.4, not 10.40).
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e12 { return String(Int(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
