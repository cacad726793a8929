import CareCore
import CareServices
import HTTPServer
import Storage

/// `GET /api/v1/risk/population` and `GET /api/v1/risk/patients/{id}`: the population page and the chart's
/// risk panel as JSON (documented in `OpenAPIDocument`). Same rules and audit as the pages.
struct RiskAPI {
    let services: CareServices

    /// The response when `rest` (the path after `/api/v1`) is a risk endpoint, else nil.
    func route(_ rest: [String], _ web: WebRequest, _ context: RequestContext) throws -> HTTPResponse? {
        if rest == ["risk", "population"] {
            guard web.method == "GET" else { throw APIError(status: 405, code: "method_not_allowed", message: "allowed methods: GET") }
            return Responses.json(JSONWriter.encode(RiskJSON.population(try services.risk.population(try query(web), by: context))))
        }
        if rest.count == 3, rest[0] == "risk", rest[1] == "patients" {
            guard web.method == "GET" else { throw APIError(status: 405, code: "method_not_allowed", message: "allowed methods: GET") }
            guard let panel = try services.risk.patientRisk(rest[2], by: context) else {
                throw APIError(status: 404, code: "not_found", message: "no risk score for this patient yet (run `tend risk run`)")
            }
            return Responses.json(JSONWriter.encode(RiskJSON.panel(panel)))
        }
        return nil
    }

    /// `list`, `tier`, `limit`, `after` from the query string.
    func query(_ web: WebRequest) throws -> RiskListQuery {
        let q = web.request.queryItems
        let known: Set<String> = ["list", "tier", "limit", "after"]
        if let unknown = q.pairs.map(\.name).first(where: { !known.contains($0) }) {
            throw APIError(status: 400, code: "unsupported_parameter", message: "unsupported parameter \(unknown)", field: unknown)
        }
        return try RiskQueryParsing.parse(list: q["list"], tier: q["tier"], limit: q["limit"], after: q["after"])
    }
}

/// Reads the list parameters shared by the page and the API.
enum RiskQueryParsing {
    static func parse(list: String, tier: String, limit: String, after: String) throws -> RiskListQuery {
        var query = RiskListQuery()
        if !list.isEmpty {
            guard let kind = RiskListQuery.Kind(rawValue: list) else { throw PatientJSON.invalid("list", "must be top or rising") }
            query.kind = kind
        }
        if !tier.isEmpty {
            guard RiskListQuery.tiers.contains(tier) else { throw PatientJSON.invalid("tier", "must be high, moderate or low") }
            query.tier = tier
        }
        if !limit.isEmpty {
            guard let n = Int(limit), (1...200).contains(n) else { throw PatientJSON.invalid("limit", "must be a number from 1 to 200") }
            query.limit = n
        }
        if !after.isEmpty {
            let parts = after.split(separator: "_")
            guard parts.count == 2, let value = Double(parts[0]), value.isFinite, let row = Int64(parts[1]) else {
                throw PatientJSON.invalid("after", "must be the `next` value of the previous page")
            }
            query.cursor = RiskScoreRepository.Cursor(value: value, patientRowID: row)
        }
        return query
    }

    /// The `after` value of a cursor.
    static func encode(_ cursor: RiskScoreRepository.Cursor) -> String { "\(cursor.value)_\(cursor.patientRowID)" }
}

/// The JSON shapes of risk results.
enum RiskJSON {
    static func population(_ view: RiskPopulationView) -> JSONWriter.Value {
        var fields: [(String, JSONWriter.Value)] = [
            ("run", view.run.map(run) ?? .null),
            ("scope", .string(scopeName(view.scope))),
            ("tiers", .array(view.tierCounts.map { .object([("tier", .string($0.tier)), ("count", .int($0.count))]) })),
            ("rising", .object([("count", .int(view.risingCount)), ("minimumDelta", .double(view.risingDelta))])),
            ("list", .string(view.query.kind.rawValue)),
            ("tier", view.query.tier.map { .string($0) } ?? .null),
        ]
        if let entries = view.entries {
            fields.append(("patients", .array(entries.map { entry in
                .object(row(entry.score) + [("reasons", .array(entry.reasons.map { .string($0) }))])
            })))
            fields.append(("next", view.nextCursor.map { .string(RiskQueryParsing.encode($0)) } ?? .null))
        }
        return .object(fields)
    }

    static func panel(_ panel: PatientRiskPanel) -> JSONWriter.Value {
        .object([
            ("run", run(panel.run)),
            ("score", .object(row(panel.score))),
            ("explanation", explanation(panel.explanation)),
            ("history", .array(panel.history.map { h in
                .object([("runId", .int(Int(h.runID))), ("score", .double(h.score)), ("tier", .string(h.tier)), ("hccs", hccList(h.hccs))])
            })),
        ])
    }

    static func scopeName(_ scope: AccessRules.RiskScope) -> String {
        switch scope {
        case .organization: "organization"
        case .careTeam: "careTeam"
        case .aggregatesOnly: "aggregatesOnly"
        }
    }

    static func run(_ r: RiskRunRecord) -> JSONWriter.Value {
        .object([
            ("id", .int(Int(r.id))), ("model", .string(r.model)), ("paymentYear", .int(r.paymentYear)),
            ("startedAt", .string(r.startedAt)), ("finishedAt", r.finishedAt.map { .string($0) } ?? .null),
            ("previousRunId", r.previousRunID.map { .int(Int($0)) } ?? .null), ("patients", .int(r.patientsScored)),
            ("highCutoff", r.highCutoff.map { .double($0) } ?? .null), ("moderateCutoff", r.moderateCutoff.map { .double($0) } ?? .null),
            ("withoutIcd10", .int(r.withoutICD10Count)), ("parameters", .string(r.parameters)),
        ])
    }

    static func hccList(_ text: String) -> JSONWriter.Value { .array(text.split(separator: " ").map { .string(String($0)) }) }

    static func row(_ s: RiskScoreRow) -> [(String, JSONWriter.Value)] {
        [
            ("id", .string(s.patientID)), ("name", .string("\(s.givenName) \(s.familyName)")), ("birthDate", .string(s.birthDate)),
            ("score", .double(s.score)), ("tier", .string(s.tier)), ("delta", s.delta.map { .double($0) } ?? .null),
            ("hccs", hccList(s.hccs)),
            ("utilization", .object([("edVisits", .int(s.emergencyVisits)), ("admissions", .int(s.admissions)),
                                     ("readmissions30d", .int(s.readmissions)), ("totalCostCents", .int(s.totalCostCents))])),
            ("lace", s.lace.map { .int($0) } ?? .null),
        ]
    }

    static func explanation(_ e: RiskExplanation) -> JSONWriter.Value {
        .object([
            ("segment", .string(e.segment)), ("segmentSource", .string(e.segmentSource)), ("age", .int(e.age)), ("ageSource", .string(e.ageSource)),
            ("sex", .string(e.sex)),
            ("hccs", .array(e.hccs.map { .object([("hcc", .string($0.hcc)), ("label", .string($0.label)), ("diagnoses", .array($0.diagnoses.map { .string($0) }))]) })),
            ("dropped", .array(e.dropped.map {
                .object([("hcc", .string($0.hcc)), ("label", .string($0.label)), ("droppedBy", .array($0.droppedBy.map { .string($0) })),
                         ("diagnoses", .array($0.diagnoses.map { .string($0) }))])
            })),
            ("terms", .array(e.terms.map { .object([("name", .string($0.name)), ("kind", .string($0.kind)), ("value", .double($0.value)), ("label", .string($0.label))]) })),
            ("emergencyVisits", .array(e.emergencyVisitIDs.map { .string($0) })),
            ("admissions", .array(e.admissionIDs.map { .string($0) })),
            ("readmissions", .array(e.readmissions.map { .object([("admission", .string($0.admission)), ("after", .string($0.after)), ("days", .int($0.days))]) })),
            ("lace", .array(e.laces.map {
                .object([("stay", .string($0.stayID)), ("days", .int($0.days)), ("l", .int($0.l)), ("a", .int($0.a)), ("c", .int($0.c)),
                         ("e", .int($0.e)), ("score", .int($0.score))])
            })),
            ("notes", .array(e.notes.map { .string($0) })),
        ])
    }
}
