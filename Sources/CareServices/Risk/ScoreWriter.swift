import Storage

/// Inserts scored rows into `risk_scores` with one prepared statement, each with the tier `TierRanking`
/// predicts (the run corrects the few wrong ones when it finishes).
struct ScoreWriter {
    let statement: RawStatement
    let organizationID: Int64
    let runID: Int64

    init(_ connection: Connection, organizationID: Int64, runID: Int64) throws {
        statement = try RawStatement(connection, """
            INSERT INTO risk_scores (organization_id, run_id, patient_row_id, score_thousandths, score, delta, hccs,
              ed_visits, admissions, readmissions, total_cost_cents, lace, explanation, tier)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            """)
        try statement.bind(1, organizationID)
        try statement.bind(2, runID)
        self.organizationID = organizationID
        self.runID = runID
    }

    func insert(_ row: ScoredRow, tier: TierRanking.Tier) throws {
        let s = statement
        try s.bind(3, row.rowID)
        try s.bind(4, Int64(row.thousandths))
        try s.bind(5, Double(row.thousandths) / 1000)
        if let delta = row.deltaThousandths { try s.bind(6, Double(delta) / 1000) } else { try s.bindNull(6) }
        try row.hccs.withUnsafeBytes { try s.bindText(7, $0) }
        try s.bind(8, Int64(row.emergencyVisits))
        try s.bind(9, Int64(row.admissions))
        try s.bind(10, Int64(row.readmissions))
        try s.bind(11, Int64(row.costCents))
        if let lace = row.lace { try s.bind(12, Int64(lace)) } else { try s.bindNull(12) }
        try row.explanation.withUnsafeBytes { try s.bindText(13, $0) }
        try s.bindText(14, tier.name)
        try s.run()
    }
}
