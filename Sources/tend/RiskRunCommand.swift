import CareServices
import Foundation
import RiskModels
import Storage

/// `tend risk run`: scores the whole population of an organization (or of each) in the database and
/// stores the results with history and tiers.
enum RiskRunCommand {
    static let help = """
    Usage: tend risk run --db PATH [--org NAME] [--model cms-hcc-v28|cms-hcc-v24] [--year 2026|2025]
                         [--high-percent 5] [--rising-percent 15] [--rising-delta 0.5]
                         [--as-of YYYY-MM-DD] [--lookback-days 365] [--jobs 2]
    Scores every patient (imported FHIR patients and members) of the organization, or of every organization
    when --org is left out, and stores one run with each patient's score, tier, HCCs, utilization, LACE and
    explanation. Tiers: the top --high-percent of scores are "high", the next --rising-percent (alias
    --moderate-percent) "moderate", the rest "low"; ties go to the older registry row. A patient is "rising"
    when the score went up by at least --rising-delta since the previous run. Utilization (ED visits,
    admissions, 30-day readmissions, claim cost) and LACE count the --lookback-days days up to --as-of
    (default: today, UTC). The run is audited (risk.run).
    """

    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, command: "risk run", valued: ["--db", "--org", "--model", "--year", "--high-percent", "--rising-percent",
                                                                  "--moderate-percent", "--rising-delta", "--as-of", "--lookback-days", "--jobs"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db")
        let parameters = try parse(a)
        if let problem = parameters.problem { throw CLIError.usage(problem, help: "tend risk run --help") }
        let database = try Store.open(path)
        defer { database.close() }
        let services = Store.services(database)
        let organizations = try database.read { conn in try OrganizationRepository(conn).all() }
            .filter { a.optional("--org") == nil || $0.name == a.optional("--org") }
        guard !organizations.isEmpty else { throw CLIError.failed(a.optional("--org").map { "no organization named \($0)" } ?? "no organizations") }
        for organization in organizations {
            let outcome = try services.riskRuns.run(organizationID: organization.id, parameters: parameters) { written in
                FileHandle.standardError.write(Data("\r\(organization.name): \(written) patients scored".utf8))
            }
            FileHandle.standardError.write(Data("\n".utf8))
            print(summary(outcome, organization: organization.name))
        }
        return 0
    }

    static func parse(_ a: Arguments) throws -> RiskRunParameters {
        func number(_ name: String, _ value: Double) throws -> Double {
            guard let text = a.optional(name) else { return value }
            guard let n = Double(text), n.isFinite else { throw CLIError.usage("\(name) must be a number, not '\(text)'", help: "tend risk run --help") }
            return n
        }
        let model = try a.optional("--model").map { text -> CMSHCCVersion in
            guard let version = CMSHCCVersion(rawValue: text) else { throw CLIError.usage("--model must be cms-hcc-v28 or cms-hcc-v24", help: "tend risk run --help") }
            return version
        } ?? .v28
        let year = try a.integer("--year", default: model == .v28 ? 2026 : 2025, range: 2000...2100)
        var asOf = CalendarDay(daysSinceEpoch: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        if let text = a.optional("--as-of") {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, let day = CalendarDay(year: parts[0], month: parts[1], day: parts[2]) else {
                throw CLIError.usage("--as-of must be a date YYYY-MM-DD, not '\(text)'", help: "tend risk run --help")
            }
            asOf = day
        }
        return RiskRunParameters(
            model: model, paymentYear: year, highPercent: try number("--high-percent", 5),
            moderatePercent: try number("--moderate-percent", try number("--rising-percent", 15)),
            risingDelta: try number("--rising-delta", 0.5), asOf: asOf,
            lookbackDays: try a.integer("--lookback-days", default: 365, range: 1...3660),
            jobs: try a.integer("--jobs", default: min(2, ProcessInfo.processInfo.activeProcessorCount), range: 1...64))
    }

    static func summary(_ outcome: RiskRunOutcome, organization: String) -> String {
        let r = outcome.run
        let rate = outcome.seconds > 0 ? Int(Double(r.patientsScored) / outcome.seconds) : 0
        func cutoff(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        return """
        Risk run \(r.id) for \(organization): \(r.model) \(r.paymentYear), \(r.patientsScored) patients in \(String(format: "%.2f", outcome.seconds)) s = \(rate) members/s
          high      \(r.highCount) (score >= \(cutoff(r.highCutoff)))
          moderate  \(r.moderateCount) (score >= \(cutoff(r.moderateCutoff)))
          low       \(r.lowCount)
          rising    \(r.risingCount)\(r.previousRunID.map { " since run \($0)" } ?? " (no previous run)")
          without ICD-10-CM diagnoses: \(r.withoutICD10Count)
        """
    }
}
