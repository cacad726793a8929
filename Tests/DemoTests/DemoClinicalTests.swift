import CareCore
import CareServices
import Foundation
import Security
import Storage
import XCTest

/// A demo loaded into a fresh SQLite file with a fixed clock (so two loads can be compared).
final class DemoDatabase: @unchecked Sendable {
    // @unchecked: written once in `init`, then only read (SQLite access goes through `Database`).
    static let today = Date(timeIntervalSince1970: 1_773_576_000)  // 2026-03-15T12:00:00Z
    let folder: String
    let database: Database
    let summary: DemoClinicalSummary?
    let organizationID: Int64
    let seconds: Double

    init(patients: Int = 500, seed: UInt64 = 2026) throws {
        folder = NSTemporaryDirectory() + "tend-demo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        database = try Database(path: folder + "/tend.sqlite")
        _ = try Migrator.migrate(database, TendSchema.migrations)
        let environment = ServiceEnvironment(database: database, clock: Clock { DemoDatabase.today },
                                             passwordHasher: PasswordHasher(parameters: .fastForTests))
        let started = Date()
        summary = try DemoData(environment: environment).loadReporting(patientCount: patients, seed: seed)
        seconds = Date().timeIntervalSince(started)
        organizationID = try database.read { try OrganizationRepository($0).find(name: DemoData.organizationName)?.id } ?? 0
    }

    func close() {
        database.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    func query(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> [Row] {
        try database.read { try $0.query(sql, arguments) }
    }

    func count(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> Int {
        Int(try database.read { try $0.queryOne(sql, arguments)?.int(0) } ?? 0)
    }
}

final class DemoClinicalTests: XCTestCase {
    /// One 500-patient demo shared by the tests that only read it (a load takes seconds in a debug build).
    static let shared = Result { try DemoDatabase() }

    override class func tearDown() {
        if case .success(let demo) = shared { demo.close() }
        super.tearDown()
    }

    func testDemoLoadsClinicalRecordsThroughTheImporter() throws {
        let demo = try Self.shared.get()
        let summary = try XCTUnwrap(demo.summary, "the demo should load into a fresh database")
        XCTAssertEqual(try demo.count("SELECT count(*) FROM patients WHERE organization_id = ?", [demo.organizationID]), 500)
        // The import went through the importer: its audit rows, one per bundle, all successes.
        let imports = try demo.query("SELECT outcome FROM audit_events WHERE action = 'data.import'")
        XCTAssertEqual(imports.count, 11, "10 bundles of 50 patients and the recent diagnoses")
        XCTAssertEqual(Set(imports.compactMap { $0.string(0) }), ["success"])
        XCTAssertEqual(summary.counts.byType["Patient"], nil, "no Patient resource: the registry rows stay as the demo wrote them")
        // Each registry patient has the Patient resource the registry writes for it (one, version 1: the import did not touch it).
        XCTAssertEqual(try demo.count("SELECT count(*) FROM fhir_resources WHERE resource_type = 'Patient' AND version = 1"), 500)
        // Registry details the importer would have overwritten are still there.
        XCTAssertEqual(try demo.count("SELECT count(*) FROM patients WHERE priorities = '' OR phone = ''"), 0)
        XCTAssertGreaterThan(try demo.count("SELECT count(*) FROM care_team_members"), 500)
    }

    func testEveryPatientHasOneCoverageWithASegment() throws {
        let demo = try Self.shared.get()
        let rows = try demo.query("""
            SELECT p.public_id, count(r.id), min(r.content) FROM patients p
            LEFT JOIN fhir_resources r ON r.organization_id = p.organization_id AND r.patient_id = p.public_id AND r.resource_type = 'Coverage'
            GROUP BY p.public_id
            """)
        XCTAssertEqual(rows.count, 500)
        var segments: [String: Int] = [:]
        for row in rows {
            XCTAssertEqual(row.int(1), 1, "\(row.string(0) ?? "") should have one Coverage")
            let content = String(decoding: row.blob(2) ?? Array((row.string(2) ?? "").utf8), as: UTF8.self)
            if let range = content.range(of: #"urn:tend:cms-hcc-segment","code":""#) {
                segments[String(content[range.upperBound...].prefix(3)), default: 0] += 1
            }
        }
        XCTAssertEqual(segments.values.reduce(0, +), 500, "every Coverage carries a CMS-HCC segment: \(segments)")
        for segment in ["CNA", "CND", "CFA"] { XCTAssertGreaterThan(segments[segment] ?? 0, 10, "\(segment) in \(segments)") }
        // The risk run read them: no segment was assumed.
        XCTAssertEqual(try demo.count("""
            SELECT count(*) FROM risk_scores WHERE run_id = (SELECT max(id) FROM risk_runs) AND explanation LIKE '%"segment_source":"coverage"%'
            """), 500)
    }

    func testResourceCountsArePlausible() throws {
        let demo = try Self.shared.get()
        let counts = try XCTUnwrap(demo.summary).counts.byType
        func perPatient(_ type: String) -> Double { Double(counts[type] ?? 0) / 500 }
        let ranges: [(String, ClosedRange<Double>)] = [
            ("Condition", 2...5), ("Encounter", 6...20), ("Observation", 20...80), ("MedicationRequest", 2...6),
            ("AllergyIntolerance", 0.15...0.6), ("Claim", 15...60), ("ExplanationOfBenefit", 6...20), ("Coverage", 1...1),
        ]
        for (type, range) in ranges { XCTAssertTrue(range.contains(perPatient(type)), "\(type): \(perPatient(type)) per patient, expected \(range)") }
        XCTAssertEqual(counts["ExplanationOfBenefit"], counts["Encounter"], "one EOB for each encounter's claim")

        let byClass = Dictionary(uniqueKeysWithValues: try demo.query("SELECT class_code, count(*) FROM clinical_encounters GROUP BY class_code")
            .map { ($0.string(0) ?? "", Int($0.int(1) ?? 0)) })
        XCTAssertGreaterThan(byClass["AMB"] ?? 0, (byClass["EMER"] ?? 0) * 4, "mostly ambulatory: \(byClass)")
        XCTAssertTrue((100...900).contains(byClass["EMER"] ?? 0), "ED visits: \(byClass)")
        XCTAssertTrue((50...400).contains(byClass["IMP"] ?? 0), "admissions: \(byClass)")
        // Every admission has a discharge disposition and a stay of 1 to 14 days.
        XCTAssertEqual(try demo.count("""
            SELECT count(*) FROM clinical_encounters WHERE class_code = 'IMP'
            AND (discharge_disposition = '' OR end_at - start_at < 86400 * 0.5 OR end_at - start_at > 86400 * 14)
            """), 0)
        // Nothing is dated after the demo's today.
        XCTAssertEqual(try demo.count("SELECT count(*) FROM clinical_encounters WHERE end_at > ?", [DemoDatabase.today.timeIntervalSince1970 + 86400 * 30]), 0)
        XCTAssertEqual(try demo.count("SELECT count(*) FROM clinical_encounters WHERE start_at > ?", [DemoDatabase.today.timeIntervalSince1970]), 0)
        // Conditions are ICD-10-CM, 0 to 8 active per patient (chronic families plus insulin use and BMI class codes).
        XCTAssertEqual(try demo.count("SELECT count(*) FROM clinical_conditions WHERE code_system <> 'http://hl7.org/fhir/sid/icd-10-cm'"), 0)
        let perPatientMax = try demo.count("""
            SELECT max(n) FROM (SELECT count(*) n FROM clinical_conditions WHERE clinical_status = 'active' GROUP BY patient_id)
            """)
        XCTAssertLessThanOrEqual(perPatientMax, 8)
        let withoutConditions = try demo.count("""
            SELECT count(*) FROM patients p WHERE NOT EXISTS (SELECT 1 FROM clinical_conditions c WHERE c.patient_id = p.public_id)
            """)
        XCTAssertTrue((5...100).contains(withoutConditions), "\(withoutConditions) patients without conditions")
        // Medications carry RxNorm codes where known.
        XCTAssertGreaterThan(try demo.count("SELECT count(*) FROM clinical_medications WHERE code <> ''"), (counts["MedicationRequest"] ?? 0) / 2)
    }

    func testADiabeticHasAnHbA1cSeries() throws {
        let demo = try Self.shared.get()
        let diabetics = try demo.query("""
            SELECT DISTINCT patient_id FROM clinical_conditions WHERE code LIKE 'E11.%' ORDER BY patient_id
            """).compactMap { $0.string(0) }
        XCTAssertGreaterThan(diabetics.count, 75, "a care-management panel has many diabetics")
        for patient in diabetics {
            let series = try demo.query("""
                SELECT effective_at, value_number, unit FROM clinical_observations
                WHERE patient_id = ? AND code = '4548-4' ORDER BY effective_at
                """, [patient])
            XCTAssertGreaterThanOrEqual(series.count, 4, "\(patient): HbA1c about every three months")
            let values = series.compactMap { $0.double(1) }
            XCTAssertEqual(values.count, series.count)
            XCTAssertTrue(values.allSatisfy { (5.5...14).contains($0) }, "\(patient): \(values)")
            XCTAssertEqual(Set(series.compactMap { $0.string(2) }), ["%"])
            let span = (series.last?.double(0) ?? 0) - (series.first?.double(0) ?? 0)
            XCTAssertGreaterThan(span, 365 * 86400, "\(patient): the series spans more than a year")
        }
        XCTAssertEqual(try demo.count("""
            SELECT count(DISTINCT patient_id) FROM clinical_observations WHERE code = '4548-4'
            AND patient_id NOT IN (SELECT patient_id FROM clinical_conditions WHERE code LIKE 'E11.%')
            """), 0, "only diabetics get HbA1c")
        // Kidney disease: eGFR in the stage's range at the latest value.
        let latest = try demo.query("""
            SELECT c.code, (SELECT value_number FROM clinical_observations o WHERE o.patient_id = c.patient_id AND o.code = '33914-3'
                            ORDER BY effective_at DESC LIMIT 1)
            FROM clinical_conditions c WHERE c.code LIKE 'N18.%' AND c.clinical_status = 'active'
            """)
        XCTAssertGreaterThan(latest.count, 50)
        let ranges: [String: ClosedRange<Double>] = ["N18.31": 40...65, "N18.32": 25...50, "N18.4": 10...35, "N18.5": 5...20]
        for row in latest {
            let code = row.string(0) ?? "", value = try XCTUnwrap(row.double(1), "\(code) without an eGFR")
            XCTAssertTrue(ranges[code]?.contains(value) ?? false, "\(code) with a latest eGFR of \(value)")
        }
    }

    func testRiskRunScoredEveryoneWithTiersAndRisingRisk() throws {
        let demo = try Self.shared.get()
        let runs = try XCTUnwrap(demo.summary).riskRuns
        XCTAssertEqual(runs.count, 2)
        let latest = try XCTUnwrap(runs.last)
        XCTAssertEqual(latest.patientsScored, 500)
        XCTAssertEqual(latest.highCount, 25)
        XCTAssertEqual(latest.moderateCount, 75)
        XCTAssertEqual(latest.lowCount, 400)
        XCTAssertEqual(latest.previousRunID, runs.first?.id)
        XCTAssertTrue((10...100).contains(latest.risingCount), "rising: \(latest.risingCount)")
        XCTAssertLessThan(latest.withoutICD10Count, 100)
        let tiers = try demo.query("SELECT tier, count(*) FROM risk_scores WHERE run_id = ? GROUP BY tier ORDER BY tier", [latest.id])
            .map { "\($0.string(0) ?? "") \($0.int(1) ?? 0)" }
        XCTAssertEqual(tiers, ["high 25", "low 400", "moderate 75"])
        // Utilization made it into the scores: admissions, readmissions within 30 days, LACE, cost.
        let sums = try XCTUnwrap(demo.query("""
            SELECT sum(admissions), sum(readmissions), count(lace), sum(total_cost_cents > 0) FROM risk_scores WHERE run_id = ?
            """, [latest.id]).first)
        XCTAssertGreaterThan(sums.int(0) ?? 0, 30)
        XCTAssertGreaterThan(sums.int(1) ?? 0, 3)
        XCTAssertGreaterThan(sums.int(2) ?? 0, 30)
        XCTAssertGreaterThan(sums.int(3) ?? 0, 450)
        // The high tier is sicker: more HCCs on average than the low tier.
        let hccs = try demo.query("""
            SELECT tier, avg(length(hccs) - length(replace(hccs, 'HCC', ''))) / 3.0 FROM risk_scores WHERE run_id = ? GROUP BY tier
            """, [latest.id])
        let byTier = Dictionary(uniqueKeysWithValues: hccs.map { ($0.string(0) ?? "", $0.double(1) ?? 0) })
        XCTAssertGreaterThan(byTier["high"] ?? 0, (byTier["low"] ?? 0) + 1.5, "\(byTier)")
    }

    func testTheChartReadsTheImportedRecord() throws {
        let demo = try Self.shared.get()
        let patient = try XCTUnwrap(try demo.query("""
            SELECT patient_id FROM clinical_conditions WHERE code LIKE 'E11.%' ORDER BY patient_id LIMIT 1
            """).first?.string(0))
        try demo.database.read { conn in
            let chart = ClinicalChartRepository(conn)
            XCTAssertFalse(try chart.activeProblems(organizationID: demo.organizationID, patientID: patient).isEmpty)
            XCTAssertFalse(try chart.encounters(organizationID: demo.organizationID, patientID: patient, limit: 25).isEmpty)
            XCTAssertFalse(try chart.currentMedications(organizationID: demo.organizationID, patientID: patient).isEmpty)
            let vitals = try chart.measures(organizationID: demo.organizationID, patientID: patient, categories: ["vital-signs"], limit: 8, pointsPerMeasure: 12)
            XCTAssertEqual(Set(vitals.map(\.code)), ["8480-6", "8462-4", "8867-4", "29463-7", "39156-5"])
            XCTAssertTrue(vitals.allSatisfy { $0.points.count > 1 }, "each vital has a trend")
            let labs = try chart.measures(organizationID: demo.organizationID, patientID: patient, categories: ["laboratory"], limit: 12, pointsPerMeasure: 12)
            XCTAssertTrue(labs.contains { $0.code == "4548-4" })
            let cost = try chart.claimsCostByMonth(organizationID: demo.organizationID, patientID: patient, months: 24)
            XCTAssertGreaterThanOrEqual(cost.count, 20, "pharmacy claims every month at least")
        }
    }

    func testTwoLoadsWithTheSameSeedAndDayAreIdentical() throws {
        let first = try Self.shared.get()
        let second = try DemoDatabase()
        defer { second.close() }
        let tables = [
            "SELECT resource_type, id, patient_id, version, content FROM fhir_resources ORDER BY resource_type, id",
            "SELECT * FROM clinical_conditions ORDER BY id", "SELECT * FROM clinical_encounters ORDER BY id",
            "SELECT * FROM clinical_observations ORDER BY id", "SELECT * FROM clinical_medications ORDER BY id",
            "SELECT * FROM clinical_claims ORDER BY resource_type, id", "SELECT * FROM clinical_events ORDER BY resource_type, id",
            "SELECT * FROM fhir_tokens ORDER BY resource_type, resource_id, param, system, value",
            "SELECT run_id, patient_row_id, score_thousandths, tier, delta, hccs, ed_visits, admissions, readmissions, total_cost_cents, lace, explanation FROM risk_scores ORDER BY run_id, patient_row_id",
            "SELECT public_id, given_name, family_name, birth_date, phone, priorities FROM patients ORDER BY public_id",
        ]
        for sql in tables {
            let a = try first.query(sql), b = try second.query(sql)
            XCTAssertGreaterThan(a.count, 0, sql)
            XCTAssertEqual(a.count, b.count, sql)
            if let index = a.indices.first(where: { index in index < b.count && a[index].values != b[index].values }) {
                XCTFail("\(sql): row \(index) differs:\n\(a[index].values)\n\(b[index].values)")
            }
        }
    }

    func testAnotherSeedGivesAnotherPopulationAndASmallDemoLoads() throws {
        let small = try DemoDatabase(patients: 20, seed: 7)
        defer { small.close() }
        let summary = try XCTUnwrap(small.summary)
        XCTAssertEqual(summary.counts.byType["Coverage"], 20)
        XCTAssertEqual(summary.riskRuns.last?.patientsScored, 20)
        XCTAssertEqual(summary.riskRuns.last?.highCount, 1)
        let shared = try Self.shared.get()
        let sql = "SELECT content FROM fhir_resources WHERE id = 'demo-0001-coverage'"
        XCTAssertNotEqual(try small.query(sql).first?.values, try shared.query(sql).first?.values, "the seed drives the clinical record too")
        let empty = try DemoDatabase(patients: 0)
        defer { empty.close() }
        XCTAssertEqual(empty.summary?.counts.total, 0)
        XCTAssertEqual(empty.summary?.riskRuns.count, 0)
    }
}
