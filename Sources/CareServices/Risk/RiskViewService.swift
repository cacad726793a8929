import CareCore
import Foundation
import RiskModels
import Storage

/// Which list the population page shows.
public struct RiskListQuery: Sendable, Equatable {
    /// Highest scores, or the largest rises since the previous run.
    public enum Kind: String, Sendable, CaseIterable { case top, rising }
    public var kind: Kind
    /// Only this tier ("high", "moderate", "low"); top list only.
    public var tier: String?
    /// Next page after this row.
    public var cursor: RiskScoreRepository.Cursor?
    /// 1 to 200 rows.
    public var limit: Int

    public init(kind: Kind = .top, tier: String? = nil, cursor: RiskScoreRepository.Cursor? = nil, limit: Int = 50) {
        self.kind = kind
        self.tier = tier
        self.cursor = cursor
        self.limit = limit
    }

    public static let tiers = ["high", "moderate", "low"]
}

/// One row of the highest-risk list, with why.
public struct RiskListEntry: Sendable {
    public let score: RiskScoreRow
    public let reasons: [String]
}

/// The population page's data: the latest run, the tier distribution in the caller's scope and, for roles
/// that may see named patients, one page of the list.
public struct RiskPopulationView: Sendable {
    public let run: RiskRunRecord?
    public let scope: AccessRules.RiskScope
    /// Patients per tier (high, moderate, low) in the scope.
    public let tierCounts: [(tier: String, count: Int)]
    /// Patients rising by at least the run's delta, in the scope.
    public let risingCount: Int
    /// The list page; nil for aggregates-only roles.
    public let entries: [RiskListEntry]?
    /// Cursor of the next page, when there is one.
    public let nextCursor: RiskScoreRepository.Cursor?
    public let query: RiskListQuery
    /// The run's rising delta.
    public let risingDelta: Double
}

/// A patient's risk panel: the latest run's result with its explanation, and the score history.
public struct PatientRiskPanel: Sendable, Equatable {
    public let run: RiskRunRecord
    public let score: RiskScoreRow
    public let explanation: RiskExplanation
    /// Scores of the patient in recent runs, newest first (the latest included).
    public let history: [RiskScoreRow]
}

/// Reading risk results: authorized by `AccessRules.riskScope` and audited in the same transaction.
public struct RiskViewService: Sendable {
    let environment: ServiceEnvironment

    /// The population view of the caller's organization (latest finished run). Lists of named patients are
    /// audited like a search (`patient.search`, with the ids returned); aggregates-only views are audited too.
    public func population(_ query: RiskListQuery, by context: RequestContext) throws -> RiskPopulationView {
        let env = environment
        let p = context.principal
        return try env.transaction { conn in
            guard let scope = AccessRules.riskScope(p.role) else {
                try env.audit.record(.patientSearch, .denied, by: context, resourceType: "RiskScore", detail: "risk population", on: conn)
                return .failure(.forbidden("your role does not see risk results"))
            }
            if let tier = query.tier, !RiskListQuery.tiers.contains(tier) {
                return .failure(.invalid(ValidationFailure([FieldError("tier", "must be high, moderate or low")])))
            }
            let limit = min(max(query.limit, 1), 200)
            guard let run = try RiskRunRepository(conn).latestFinished(organizationID: p.organizationID) else {
                try env.audit.record(.patientSearch, by: context, resourceType: "RiskScore", detail: "risk population: no run", on: conn)
                return .success(RiskPopulationView(run: nil, scope: scope, tierCounts: [], risingCount: 0, entries: scope == .aggregatesOnly ? nil : [],
                                                   nextCursor: nil, query: query, risingDelta: 0))
            }
            let delta = Self.risingDelta(of: run)
            let scores = RiskScoreRepository(conn)
            var counts = [("high", run.highCount), ("moderate", run.moderateCount), ("low", run.lowCount)]
            var rising = run.risingCount
            var entries: [RiskListEntry]?
            var next: RiskScoreRepository.Cursor?
            if scope != .aggregatesOnly {
                let listScope: RiskScoreRepository.Scope = scope == .organization ? .organization : .careTeam(userID: p.userID)
                if case .careTeam(let userID) = listScope {
                    let team = try scores.careTeamCounts(organizationID: p.organizationID, runID: run.id, userID: userID, minimumDelta: delta)
                    counts = RiskListQuery.tiers.map { ($0, team.tiers[$0] ?? 0) }
                    rising = team.rising
                }
                let rows = query.kind == .top
                    ? try scores.top(organizationID: p.organizationID, runID: run.id, scope: listScope, tier: query.tier, after: query.cursor, limit: limit + 1)
                    : try scores.rising(organizationID: p.organizationID, runID: run.id, scope: listScope, minimumDelta: delta, after: query.cursor, limit: limit + 1)
                let page = Array(rows.prefix(limit))
                if rows.count > limit, let last = page.last {
                    next = RiskScoreRepository.Cursor(value: query.kind == .top ? last.score : (last.delta ?? 0), patientRowID: last.patientRowID)
                }
                let model = Self.model(of: run)
                entries = page.map { row in
                    RiskListEntry(score: row, reasons: RiskExplanation(json: row.explanation, model: model).reasons(of: row.summary))
                }
                try env.audit.record(.patientSearch, by: context, resourceType: "RiskScore", resourceID: String(run.id),
                                     detail: "risk list=\(query.kind.rawValue) tier=\(query.tier ?? "all") scope=\(scope == .organization ? "organization" : "care team") ids=\(page.map(\.patientID).joined(separator: ","))",
                                     on: conn)
            } else {
                try env.audit.record(.patientSearch, by: context, resourceType: "RiskScore", resourceID: String(run.id),
                                     detail: "risk distribution (aggregates only)", on: conn)
            }
            return .success(RiskPopulationView(run: run, scope: scope, tierCounts: counts, risingCount: rising, entries: entries,
                                               nextCursor: next, query: query, risingDelta: delta))
        }
    }

    /// A patient's risk panel, read as part of a chart read (audited there as `patient.read`).
    public func patientRisk(_ patientID: String, by context: RequestContext) throws -> PatientRiskPanel? {
        try PatientService(environment: environment).withPatient(patientID, action: .patientRead, by: context) { record, conn, _ in
            try Self.panel(patientRowID: record.rowID, organizationID: record.organizationID, on: conn)
        }
    }

    /// The panel of a patient the caller may already see (inside an authorized, audited use case).
    static func panel(patientRowID: Int64, organizationID: Int64, on conn: Connection) throws -> PatientRiskPanel? {
        let runs = try RiskRunRepository(conn).finished(organizationID: organizationID, limit: 12)
        guard let latest = runs.first else { return nil }
        let history = try RiskScoreRepository(conn).history(organizationID: organizationID, patientRowID: patientRowID, runIDs: runs.map(\.id))
        guard let score = history.first, score.runID == latest.id else { return nil }
        return PatientRiskPanel(run: latest, score: score, explanation: RiskExplanation(json: score.explanation, model: model(of: latest)), history: history)
    }

    static func model(of run: RiskRunRecord) -> CMSHCCModel? {
        CMSHCCVersion(rawValue: run.model).flatMap { CMSHCCModel.model($0, paymentYear: run.paymentYear) }
    }

    /// The rising delta stored with the run (default 0.5).
    static func risingDelta(of run: RiskRunRecord) -> Double {
        guard let range = run.parameters.range(of: #""rising_delta":"#) else { return 0.5 }
        let rest = run.parameters[range.upperBound...].prefix { $0 == "." || $0.isNumber }
        return Double(rest) ?? 0.5
    }
}

extension RiskScoreRow {
    var summary: RiskScoreRowSummary {
        RiskScoreRowSummary(emergencyVisits: emergencyVisits, admissions: admissions, readmissions: readmissions, lace: lace, delta: delta)
    }
}

extension RiskViewService {
    /// The panel by public patient id (the chart loader's key).
    static func panel(patientID: String, organizationID: Int64, on conn: Connection) throws -> PatientRiskPanel? {
        guard let record = try PatientRepository(conn).find(organizationID: organizationID, publicID: patientID) else { return nil }
        return try panel(patientRowID: record.rowID, organizationID: organizationID, on: conn)
    }
}
