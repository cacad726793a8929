import CareServices
import Foundation
import HTML
import Storage

/// The chart's risk panel: the latest run's score and tier, then why — each HCC with the diagnosis codes that
/// produced it, the HCCs a hierarchy dropped, every coefficient and interaction term with its value,
/// utilization, LACE per discharge and notes — and the score history. Read inside the audited chart read.
enum ChartRiskSection {
    static func render(_ clinical: ClinicalSummary?) -> [Node] {
        guard let clinical else { return [] }
        guard let panel = clinical.risk else {
            return [card([.p(class: "empty", "No risk score yet: the patient was not in a risk run.")])]
        }
        let s = panel.score
        let e = panel.explanation
        return [card([
            .p(id: "risk-score", [.strong(String(format: "%.3f", s.score)), .text(" CMS-HCC raw score · "), .span(class: "tag tier-\(s.tier)", s.tier),
                                   .text(s.delta.map { String(format: " · %+.3f since the previous run", $0) } ?? "")]),
            .p(class: "meta", "Run \(panel.run.id), \(panel.run.model) payment year \(panel.run.paymentYear), segment \(e.segment) (\(e.segmentSource)), age \(e.age) (\(e.ageSource == "payer" ? "from the payer" : "from the birth date"))."),
            e.hccs.isEmpty ? .p(class: "empty", "No payment HCCs.") : .table(class: "risk-hccs", id: "risk-hccs", [
                .thead([.tr([.th("HCC"), .th("Condition"), .th("From diagnoses")])]),
                .tbody(e.hccs.map { .tr([.td($0.hcc), .td($0.label), .td($0.diagnoses.joined(separator: ", "))]) }),
            ]),
            e.dropped.isEmpty ? .empty : .p(id: "risk-dropped", "Dropped by hierarchy: " + e.dropped.map {
                "\($0.hcc) (\($0.diagnoses.joined(separator: ", "))) by \($0.droppedBy.joined(separator: ", "))"
            }.joined(separator: "; ")),
            .table(class: "risk-terms", id: "risk-terms", [
                .thead([.tr([.th("Term"), .th("Kind"), .th("Value")])]),
                .tbody(e.terms.map { .tr([.td($0.label.isEmpty ? $0.name : "\($0.name) \($0.label)"), .td($0.kind.replacingOccurrences(of: "_", with: " ")),
                                          .td(String(format: "%.3f", $0.value))]) }),
            ]),
            .p(id: "risk-utilization", "Last \(lookback(panel.run)) days: \(s.emergencyVisits) ED visit(s), \(s.admissions) admission(s), \(s.readmissions) 30-day readmission(s), claims \(dollars(s.totalCostCents))."),
            e.laces.isEmpty ? .empty : .ul(id: "risk-lace", e.laces.map { l in
                .li("LACE \(l.score) for stay \(l.stayID): L \(l.l) (\(l.days) days) + A \(l.a) + C \(l.c) + E \(l.e)")
            }),
            e.notes.isEmpty ? .empty : .ul(class: "notes", id: "risk-notes", e.notes.map { .li($0) }),
            panel.history.count < 2 ? .empty : .p(class: "meta", id: "risk-history", "History: " + panel.history.map {
                "run \($0.runID) \(String(format: "%.3f", $0.score)) \($0.tier)"
            }.joined(separator: " · ")),
        ])]
    }

    private static func card(_ content: [Node]) -> Node {
        .section(class: "card", id: "risk", attributes: [.aria("labelledby", "risk-title")], [.h2(id: "risk-title", "Risk")] + content)
    }

    private static func lookback(_ run: RiskRunRecord) -> String {
        guard let range = run.parameters.range(of: #""lookback_days":"#) else { return "365" }
        return String(run.parameters[range.upperBound...].prefix { $0.isNumber })
    }

    private static func dollars(_ cents: Int) -> String { String(format: "$%.2f", Double(cents) / 100) }
}
