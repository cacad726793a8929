/// A problem on the chart.
public struct ChartProblem: Sendable, Equatable {
    public let display: String
    public let code: String
    public let onset: String
}

/// An encounter on the chart's timeline.
public struct ChartEncounter: Sendable, Equatable {
    public let start: String
    public let end: String
    /// v3 ActCode class: EMER, IMP, AMB…
    public let classCode: String
    public let type: String
    public let reason: String
    public let dischargeDisposition: String
}

/// A medication (request or statement) on the chart.
public struct ChartMedication: Sendable, Equatable {
    public let display: String
    public let status: String
    public let date: String
}

/// An allergy on the chart.
public struct ChartAllergy: Sendable, Equatable {
    public let display: String
    public let status: String
    public let detail: String
}

/// One measure (a LOINC code) with its values over time, oldest first.
public struct ChartMeasure: Sendable, Equatable {
    public let code: String
    public let display: String
    public let unit: String
    /// `vital-signs`, `laboratory`…
    public let category: String
    public let points: [(date: String, seconds: Double, value: Double)]

    public static func == (a: ChartMeasure, b: ChartMeasure) -> Bool {
        a.code == b.code && a.display == b.display && a.unit == b.unit && a.category == b.category
            && a.points.elementsEqual(b.points) { $0.date == $1.date && $0.seconds == $1.seconds && $0.value == $1.value }
    }
}

/// Claims cost of one month.
public struct ChartMonthlyCost: Sendable, Equatable {
    /// `YYYY-MM` (UTC).
    public let month: String
    public let total: Double
    public let claims: Int
}

/// The chart's clinical sections, read from the modeled tables of one patient.
public struct ClinicalChartRepository {
    let connection: Connection

    /// Wraps a connection.
    public init(_ connection: Connection) { self.connection = connection }

    /// Active problems (active, recurrence, relapse), most recent onset first.
    public func activeProblems(organizationID: Int64, patientID: String) throws -> [ChartProblem] {
        try connection.query("""
            SELECT display, code, onset_text FROM clinical_conditions
            WHERE organization_id = ? AND patient_id = ? AND clinical_status IN ('active', 'recurrence', 'relapse')
            ORDER BY onset_at DESC, id LIMIT 200
            """, [organizationID, patientID]).map { ChartProblem(display: $0.string(0) ?? "", code: $0.string(1) ?? "", onset: $0.string(2) ?? "") }
    }

    /// The latest `limit` encounters, newest first.
    public func encounters(organizationID: Int64, patientID: String, limit: Int) throws -> [ChartEncounter] {
        try connection.query("""
            SELECT start_text, end_text, class_code, type_display, reason_display, discharge_disposition FROM clinical_encounters
            WHERE organization_id = ? AND patient_id = ? ORDER BY start_at DESC, id LIMIT ?
            """, [organizationID, patientID, limit]).map {
            ChartEncounter(start: $0.string(0) ?? "", end: $0.string(1) ?? "", classCode: $0.string(2) ?? "", type: $0.string(3) ?? "",
                           reason: $0.string(4) ?? "", dischargeDisposition: $0.string(5) ?? "")
        }
    }

    /// Number of encounters of each class (for the timeline's legend).
    public func encounterCounts(organizationID: Int64, patientID: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.query("""
            SELECT class_code, COUNT(*) FROM clinical_encounters WHERE organization_id = ? AND patient_id = ? GROUP BY class_code
            """, [organizationID, patientID]) { counts[row.string(0) ?? ""] = Int(row.int(1) ?? 0) }
        return counts
    }

    /// Active medications, newest first.
    public func currentMedications(organizationID: Int64, patientID: String) throws -> [ChartMedication] {
        try connection.query("""
            SELECT display, status, date_text FROM clinical_medications
            WHERE organization_id = ? AND patient_id = ? AND status IN ('active', 'on-hold', 'intended')
            ORDER BY date_at DESC, id LIMIT 200
            """, [organizationID, patientID]).map { ChartMedication(display: $0.string(0) ?? "", status: $0.string(1) ?? "", date: $0.string(2) ?? "") }
    }

    /// Allergies and intolerances, active first.
    public func allergies(organizationID: Int64, patientID: String) throws -> [ChartAllergy] {
        try connection.query("""
            SELECT display, status, detail FROM clinical_events
            WHERE organization_id = ? AND patient_id = ? AND resource_type = 'AllergyIntolerance'
            ORDER BY status <> 'active', date_at DESC LIMIT 200
            """, [organizationID, patientID]).map { ChartAllergy(display: $0.string(0) ?? "", status: $0.string(1) ?? "", detail: $0.string(2) ?? "") }
    }

    /// Numeric measures of the given categories, each with its last `pointsPerMeasure` values; the
    /// `limit` most recently measured codes, most recent first.
    public func measures(organizationID: Int64, patientID: String, categories: [String], limit: Int, pointsPerMeasure: Int) throws -> [ChartMeasure] {
        let marks = categories.map { _ in "?" }.joined(separator: ", ")
        var byCode: [String: (display: String, unit: String, category: String, latest: Double, points: [(String, Double, Double)])] = [:]
        try connection.forEachRow("""
            SELECT code, display, unit, category, effective_text, effective_at, value_number FROM clinical_observations
            WHERE organization_id = ? AND patient_id = ? AND category IN (\(marks)) AND value_number IS NOT NULL AND effective_at IS NOT NULL
            ORDER BY effective_at DESC
            """, [organizationID, patientID] + categories.map { $0 as any SQLConvertible }) { row in
            let code = row.string(0) ?? ""
            let seconds = row.double(5) ?? 0
            var entry = byCode[code] ?? (row.string(1) ?? code, row.string(2) ?? "", row.string(3) ?? "", seconds, [])
            if entry.points.count < pointsPerMeasure { entry.points.append((row.string(4) ?? "", seconds, row.double(6) ?? 0)) }
            byCode[code] = entry
        }
        return byCode.sorted { ($0.value.latest, $0.key) > ($1.value.latest, $1.key) }.prefix(limit).map { code, entry in
            ChartMeasure(code: code, display: entry.display, unit: entry.unit, category: entry.category,
                         points: entry.points.reversed().map { (date: $0.0, seconds: $0.1, value: $0.2) })
        }
    }

    /// Claim totals by month of service (UTC), the latest `months` months that have claims, oldest first.
    /// Only `Claim` resources count: an ExplanationOfBenefit adjudicates the same bill.
    public func claimsCostByMonth(organizationID: Int64, patientID: String, months: Int) throws -> [ChartMonthlyCost] {
        try connection.query("""
            SELECT strftime('%Y-%m', service_at, 'unixepoch') AS month, SUM(total), COUNT(*) FROM clinical_claims
            WHERE organization_id = ? AND patient_id = ? AND resource_type = 'Claim' AND service_at IS NOT NULL
            GROUP BY month ORDER BY month DESC LIMIT ?
            """, [organizationID, patientID, months]).reversed().map {
            ChartMonthlyCost(month: $0.string(0) ?? "", total: $0.double(1) ?? 0, claims: Int($0.int(2) ?? 0))
        }
    }
}
