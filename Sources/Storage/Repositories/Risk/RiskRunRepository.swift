/// A stored risk run (`risk_runs`).
public struct RiskRunRecord: Sendable, Equatable {
    public let id: Int64
    public let organizationID: Int64
    public let status: String
    public let startedAt: String
    public let finishedAt: String?
    public let model: String
    public let paymentYear: Int
    /// JSON, as `RiskRunParameters.json` wrote it.
    public let parameters: String
    public let previousRunID: Int64?
    public let patientsScored: Int
    public let highCount: Int
    public let moderateCount: Int
    public let lowCount: Int
    public let risingCount: Int
    public let withoutICD10Count: Int
    /// Lowest score of the high and of the moderate tier (nil when the tier is empty).
    public let highCutoff: Double?
    public let moderateCutoff: Double?

    init(_ row: Row) {
        id = row.int("id") ?? 0
        organizationID = row.int("organization_id") ?? 0
        status = row.string("status") ?? ""
        startedAt = row.string("started_at") ?? ""
        finishedAt = row.string("finished_at")
        model = row.string("model") ?? ""
        paymentYear = Int(row.int("payment_year") ?? 0)
        parameters = row.string("parameters") ?? "{}"
        previousRunID = row.int("previous_run_id")
        patientsScored = Int(row.int("patients_scored") ?? 0)
        highCount = Int(row.int("high_count") ?? 0)
        moderateCount = Int(row.int("moderate_count") ?? 0)
        lowCount = Int(row.int("low_count") ?? 0)
        risingCount = Int(row.int("rising_count") ?? 0)
        withoutICD10Count = Int(row.int("without_icd10_count") ?? 0)
        highCutoff = row.double("high_cutoff")
        moderateCutoff = row.double("moderate_cutoff")
    }
}

/// Risk runs: started, finished (with tiers and counts) and looked up.
public struct RiskRunRepository {
    let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// Starts a run; returns its id.
    public func start(organizationID: Int64, model: String, paymentYear: Int, parameters: String, previousRunID: Int64?, now: String) throws -> Int64 {
        try connection.execute("""
            INSERT INTO risk_runs (organization_id, status, started_at, model, payment_year, parameters, previous_run_id)
            VALUES (?, 'running', ?, ?, ?, ?, ?)
            """, [organizationID, now, model, paymentYear, parameters, previousRunID])
        return connection.lastInsertRowID
    }

    /// The latest finished run of the organization.
    public func latestFinished(organizationID: Int64) throws -> RiskRunRecord? {
        try connection.queryOne("SELECT * FROM risk_runs WHERE organization_id = ? AND status = 'finished' ORDER BY id DESC LIMIT 1",
                                [organizationID]).map(RiskRunRecord.init)
    }

    /// The organization's finished runs, newest first.
    public func finished(organizationID: Int64, limit: Int) throws -> [RiskRunRecord] {
        try connection.query("SELECT * FROM risk_runs WHERE organization_id = ? AND status = 'finished' ORDER BY id DESC LIMIT ?",
                             [organizationID, limit]).map(RiskRunRecord.init)
    }

    /// One run of the organization.
    public func find(organizationID: Int64, id: Int64) throws -> RiskRunRecord? {
        try connection.queryOne("SELECT * FROM risk_runs WHERE organization_id = ? AND id = ?", [organizationID, id]).map(RiskRunRecord.init)
    }

    /// Sets the tier of some of a run's scores (rows are written with a predicted tier; the run corrects
    /// the few it got wrong once every score is known).
    public func setTier(_ tier: String, organizationID: Int64, runID: Int64, patientRowIDs: [Int64]) throws {
        for patientRowID in patientRowIDs {
            try connection.execute("UPDATE risk_scores SET tier = ? WHERE organization_id = ? AND run_id = ? AND patient_row_id = ?",
                                   [tier, organizationID, runID, patientRowID])
        }
    }

    /// Finishes a run whose scores carry their final tiers: `high` and `moderate` patients, with the lowest
    /// score of each tier (nil when empty). Counts the scored and rising patients. Returns the finished run.
    @discardableResult
    public func finish(organizationID: Int64, runID: Int64, high: Int, moderate: Int, highCutoff: Double?, moderateCutoff: Double?,
                       risingDelta: Double, withoutICD10: Int, now: String) throws -> RiskRunRecord? {
        try connection.execute("""
            UPDATE risk_runs SET status = 'finished', finished_at = ?1,
              patients_scored = (SELECT count(*) FROM risk_scores WHERE organization_id = ?2 AND run_id = ?3),
              high_count = ?4, moderate_count = ?5,
              low_count = (SELECT count(*) FROM risk_scores WHERE organization_id = ?2 AND run_id = ?3) - ?4 - ?5,
              rising_count = (SELECT count(*) FROM risk_scores WHERE organization_id = ?2 AND run_id = ?3 AND delta > 0 AND delta >= ?6),
              without_icd10_count = ?7, high_cutoff = ?8, moderate_cutoff = ?9
            WHERE organization_id = ?2 AND id = ?3
            """, [now, organizationID, runID, high, moderate, risingDelta, withoutICD10, highCutoff, moderateCutoff])
        return try find(organizationID: organizationID, id: runID)
    }

    /// Marks a run that could not complete.
    public func fail(organizationID: Int64, runID: Int64, now: String) throws {
        try connection.execute("UPDATE risk_runs SET status = 'failed', finished_at = ? WHERE organization_id = ? AND id = ?", [now, organizationID, runID])
    }
}
