import CareCore
import Foundation
import Storage

/// What the chart shows of a patient's imported clinical record.
public struct ClinicalSummary: Sendable, Equatable {
    public var problems: [ChartProblem] = []
    /// The latest encounters, newest first.
    public var encounters: [ChartEncounter] = []
    /// All encounters by class code (EMER, IMP, AMB…).
    public var encounterCounts: [String: Int] = [:]
    public var medications: [ChartMedication] = []
    public var allergies: [ChartAllergy] = []
    public var vitals: [ChartMeasure] = []
    public var labs: [ChartMeasure] = []
    public var costByMonth: [ChartMonthlyCost] = []
    /// The latest population risk run's result for the patient (nil before any run).
    public var risk: PatientRiskPanel?

    /// Creates an empty summary.
    public init() {}
}

/// Reads the chart's clinical sections inside a use case that has already authorized and audits the read
/// (`PatientService.chart(_:includingClinical:by:)`).
enum ClinicalChartLoader {
    /// The clinical summary of one patient the caller may see.
    static func load(patientID: String, organizationID org: Int64, on conn: Connection) throws -> ClinicalSummary {
        let chart = ClinicalChartRepository(conn)
        var summary = ClinicalSummary()
        summary.problems = try chart.activeProblems(organizationID: org, patientID: patientID)
        summary.encounters = try chart.encounters(organizationID: org, patientID: patientID, limit: 25)
        summary.encounterCounts = try chart.encounterCounts(organizationID: org, patientID: patientID)
        summary.medications = try chart.currentMedications(organizationID: org, patientID: patientID)
        summary.allergies = try chart.allergies(organizationID: org, patientID: patientID)
        summary.vitals = try chart.measures(organizationID: org, patientID: patientID, categories: ["vital-signs"], limit: 8, pointsPerMeasure: 12)
        summary.labs = try chart.measures(organizationID: org, patientID: patientID, categories: ["laboratory"], limit: 12, pointsPerMeasure: 12)
        summary.costByMonth = try chart.claimsCostByMonth(organizationID: org, patientID: patientID, months: 24)
        summary.risk = try RiskViewService.panel(patientID: patientID, organizationID: org, on: conn)
        return summary
    }
}
