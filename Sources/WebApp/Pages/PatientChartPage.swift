import CareCore
import CareServices
import Foundation
import HTML
import Storage

/// The patient chart: header with who the patient is and how to reach them, then sections that
/// later capabilities fill (problems, encounters, medications, risk, care plan, tasks, referrals).
enum PatientChartPage {
    static func render(_ chart: PatientChart, csrf: String, chrome: Layout.Chrome, teamCandidates: [UserRecord], clinical: ClinicalSummary? = nil) -> Node {
        let r = chart.record
        let d = r.details
        let today = Timestamp.localDate(Date(), in: .gmt)
        let path = "/patients/\(FormData.encode(r.id))"
        return Layout.page(title: d.displayName, chrome: chrome, [
            chart.viaBreakGlass ? .p(class: "warning", id: "break-glass-banner", attributes: [.role("status")],
                                     "Emergency access: you are viewing this chart outside your care team. This access is recorded and reviewed.") : .empty,
            .header(class: "chart-header", [
                .h1(id: "patient-name", d.displayName),
                .p(class: "chart-facts", [
                    .span("Born \(d.birthDate) (\(d.birthDate.years(until: today)) years)"), .text(" · "),
                    .span(d.sex.title), .text(" · "),
                    .span("Speaks \(d.preferredLanguage)" + (d.interpreterNeeded ? ", needs an interpreter" : "")),
                ]),
                .p(class: "chart-ids", d.identifiers.map { "\($0.system.title) \($0.value)" }.joined(separator: " · ")),
                .p([.a(href: path + "/edit", class: "button", id: "edit-patient", "Edit details")]),
            ]),
            .div(class: "chart-grid", [
                section("What matters to the patient", id: "priorities", [
                    d.priorities.isEmpty ? .p(class: "empty", "Not recorded yet. Ask the patient what matters most to them.") : .p(class: "priorities", d.priorities),
                ]),
                section("Contact", id: "contact", [
                    .dl([
                        .dt("Phone"), .dd(d.phone.isEmpty ? "—" : d.phone),
                        .dt("Email"), .dd(d.email.isEmpty ? "—" : d.email),
                        .dt("Address"), .dd(d.address.singleLine.isEmpty ? "—" : d.address.singleLine),
                        .dt("Prefers"), .dd(d.preferredContact?.title ?? "No preference"),
                        .dt("Best time"), .dd(d.bestTimeToContact.isEmpty ? "—" : d.bestTimeToContact),
                    ]),
                ]),
                section("Support people", id: "support", [
                    d.supportPeople.isEmpty ? .p(class: "empty", "None recorded.") : .ul(d.supportPeople.map { p in
                        .li([.strong(p.name), .text(p.relationship.isEmpty ? "" : " (\(p.relationship))"),
                             .text(p.phone.isEmpty ? "" : " · \(p.phone)"), p.isCaregiver ? .span(class: "tag", " caregiver") : .empty])
                    }),
                ]),
                section("Care team", id: "care-team", [
                    chart.careTeam.isEmpty ? .p(class: "empty", "No one is assigned yet.") : .ul(chart.careTeam.map { m in
                        .li([.text(m.displayName), .text(" · \(m.role.title)"), m.isLead ? .span(class: "tag", " lead") : .empty,
                             teamCandidates.isEmpty ? .empty : .form(method: .post, action: path + "/care-team", class: "inline", [
                                 .input(type: .hidden, name: "csrf", value: csrf),
                                 .input(type: .hidden, name: "change", value: "remove"),
                                 .input(type: .hidden, name: "username", value: teamCandidates.first { $0.id == m.userID }?.username ?? ""),
                                 .button(class: "link-button", "Remove"),
                             ])])
                    }),
                    teamCandidates.isEmpty ? .empty : .form(method: .post, action: path + "/care-team", class: "inline-form", [
                        .input(type: .hidden, name: "csrf", value: csrf),
                        .label(for: "f-team-user", "Add to care team"),
                        .select(name: "username", id: "f-team-user", teamCandidates.map { .option(value: $0.username, "\($0.displayName) (\($0.role.title))") }),
                        .div(class: "field checkbox", [.input(type: .checkbox, name: "lead", value: "yes", id: "f-team-lead"), .label(for: "f-team-lead", "Lead")]),
                        .button("Add"),
                    ]),
                ]),
            ] + ChartClinicalSections.all(clinical) + ChartRiskSection.render(clinical) + [
                section("Care plan", id: "care-plan", [.p(class: "empty", "No care plan yet.")]),
            ]),
            .p(class: "meta", "Record \(r.id) · version \(r.version) · updated \(r.updatedAt)"),
        ])
    }

    private static func section(_ title: String, id: String, _ content: [Node]) -> Node {
        .section(class: "card", id: id, attributes: [.aria("labelledby", id + "-title")], [.h2(id: id + "-title", title)] + content)
    }
}
