/// One stored risk score with the patient it is about.
public struct RiskScoreRow: Sendable, Equatable {
    public let runID: Int64
    public let patientRowID: Int64
    /// The patient's public (FHIR) id.
    public let patientID: String
    public let givenName: String
    public let familyName: String
    public let birthDate: String
    public let scoreThousandths: Int
    public let score: Double
    public let tier: String
    public let delta: Double?
    /// Payment HCCs, space-separated.
    public let hccs: String
    public let emergencyVisits: Int
    public let admissions: Int
    public let readmissions: Int
    public let totalCostCents: Int
    public let lace: Int?
    /// Compact JSON.
    public let explanation: String

    init(_ row: Row) {
        runID = row.int("run_id") ?? 0
        patientRowID = row.int("patient_row_id") ?? 0
        patientID = row.string("public_id") ?? ""
        givenName = row.string("given_name") ?? ""
        familyName = row.string("family_name") ?? ""
        birthDate = row.string("birth_date") ?? ""
        scoreThousandths = Int(row.int("score_thousandths") ?? 0)
        score = row.double("score") ?? 0
        tier = row.string("tier") ?? ""
        delta = row.double("delta")
        hccs = row.string("hccs") ?? ""
        emergencyVisits = Int(row.int("ed_visits") ?? 0)
        admissions = Int(row.int("admissions") ?? 0)
        readmissions = Int(row.int("readmissions") ?? 0)
        totalCostCents = Int(row.int("total_cost_cents") ?? 0)
        lace = row.int("lace").map(Int.init)
        explanation = row.string("explanation") ?? "{}"
    }
}

/// Reads risk scores: keyset-paged lists (organization first in every index), counts and a patient's history.
public struct RiskScoreRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Whose scores a list covers: the whole organization, or the patients on one user's care teams.
    public enum Scope: Sendable, Equatable {
        case organization
        case careTeam(userID: Int64)
    }

    /// Where the next page starts: after this (score, patient row) for the top list, (delta, patient row) for rising.
    public struct Cursor: Sendable, Equatable {
        public var value: Double
        public var patientRowID: Int64
        public init(value: Double, patientRowID: Int64) {
            self.value = value
            self.patientRowID = patientRowID
        }
    }

    static let columns = """
        s.run_id, s.patient_row_id, p.public_id, p.given_name, p.family_name, p.birth_date, s.score_thousandths, s.score, s.tier,
        s.delta, s.hccs, s.ed_visits, s.admissions, s.readmissions, s.total_cost_cents, s.lace, s.explanation
        """

    /// The SELECT of one run's scores within `scope`, to which callers add filters and an order.
    private static func selectScores(scope: Scope, organizationID: Int64, runID: Int64) -> (String, [any SQLConvertible]) {
        switch scope {
        case .organization:
            return ("SELECT \(columns) FROM risk_scores s JOIN patients p ON p.id = s.patient_row_id WHERE s.organization_id = ? AND s.run_id = ?",
                    [organizationID, runID])
        case .careTeam(let userID):
            // From the user's (few) care-team links to their scores: never a walk over the whole run.
            return ("""
                SELECT \(columns) FROM care_team_members c CROSS JOIN risk_scores s CROSS JOIN patients p
                WHERE c.user_id = ? AND c.ended_at IS NULL AND s.organization_id = ? AND s.run_id = ? AND s.patient_row_id = c.patient_id
                  AND p.id = s.patient_row_id
                """, [userID, organizationID, runID])
        }
    }

    /// Highest scores first (ties: older registry row first), optionally one tier, `limit` rows after `cursor`.
    public func top(organizationID: Int64, runID: Int64, scope: Scope, tier: String?, after cursor: Cursor?, limit: Int) throws -> [RiskScoreRow] {
        var (sql, arguments) = Self.selectScores(scope: scope, organizationID: organizationID, runID: runID)
        if let tier { sql += " AND s.tier = ?"; arguments.append(tier) }
        if let cursor {
            let thousandths = Int64((cursor.value * 1000).rounded())
            sql += " AND s.score_thousandths <= ? AND (s.score_thousandths < ? OR s.patient_row_id > ?)"
            arguments += [thousandths, thousandths, cursor.patientRowID]
        }
        sql += " ORDER BY s.score_thousandths DESC, s.patient_row_id LIMIT ?"
        arguments.append(limit)
        return try connection.query(sql, arguments).map(RiskScoreRow.init)
    }

    /// Rising risk: scores up by at least `minimumDelta` since the previous run, largest increase first.
    public func rising(organizationID: Int64, runID: Int64, scope: Scope, minimumDelta: Double, after cursor: Cursor?, limit: Int) throws -> [RiskScoreRow] {
        var (sql, arguments) = Self.selectScores(scope: scope, organizationID: organizationID, runID: runID)
        // `delta > 0` literally, so that the partial index risk_scores_rising serves the query.
        sql += " AND s.delta > 0 AND s.delta >= ?"
        arguments.append(minimumDelta)
        if let cursor {
            sql += " AND s.delta <= ? AND (s.delta < ? OR s.patient_row_id > ?)"
            arguments += [cursor.value, cursor.value, cursor.patientRowID]
        }
        sql += " ORDER BY s.delta DESC, s.patient_row_id LIMIT ?"
        arguments.append(limit)
        return try connection.query(sql, arguments).map(RiskScoreRow.init)
    }

    /// Patients per tier, and how many are rising, among one user's care-team patients.
    public func careTeamCounts(organizationID: Int64, runID: Int64, userID: Int64, minimumDelta: Double) throws -> (tiers: [String: Int], rising: Int) {
        var tiers: [String: Int] = [:]
        var rising = 0
        for row in try connection.query("""
            SELECT s.tier, count(*) AS n, sum(s.delta > 0 AND s.delta >= ?) AS rising
            FROM care_team_members c CROSS JOIN risk_scores s
            WHERE c.user_id = ? AND c.ended_at IS NULL AND s.organization_id = ? AND s.run_id = ? AND s.patient_row_id = c.patient_id
            GROUP BY s.tier
            """, [minimumDelta, userID, organizationID, runID]) {
            tiers[row.string("tier") ?? ""] = Int(row.int("n") ?? 0)
            rising += Int(row.int("rising") ?? 0)
        }
        return (tiers, rising)
    }

    /// One patient's scores in the given runs, newest run first.
    public func history(organizationID: Int64, patientRowID: Int64, runIDs: [Int64]) throws -> [RiskScoreRow] {
        var rows: [RiskScoreRow] = []
        for runID in runIDs {
            if let row = try connection.queryOne("""
                SELECT \(Self.columns) FROM risk_scores s JOIN patients p ON p.id = s.patient_row_id
                WHERE s.organization_id = ? AND s.run_id = ? AND s.patient_row_id = ?
                """, [organizationID, runID, patientRowID]) {
                rows.append(RiskScoreRow(row))
            }
        }
        return rows
    }
}
