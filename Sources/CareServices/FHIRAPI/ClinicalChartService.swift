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

    /// Creates an empty summary.
    public init() {}
}

/// Reads the chart's clinical sections for a user who may see the patient.
public struct ClinicalChartService: Sendable {
    let environment: ServiceEnvironment

    /// The clinical summary of `patientID`. Out-of-scope and missing patients answer `notFound`;
    /// the read is checked and audited like the chart itself.
    public func summary(_ patientID: String, by context: RequestContext) throws -> ClinicalSummary {
        let env = environment
        let p = context.principal
        return try env.transaction { conn in
            guard case .allowed = try env.policy.lookUp(patientID: patientID, for: p, now: env.clock.now(), on: conn) else {
                try env.audit.record(.patientRead, .denied, by: context, patientID: patientID, resourceType: "ClinicalSummary", on: conn)
                return .failure(.notFound("no such patient"))
            }
            let chart = ClinicalChartRepository(conn)
            let org = p.organizationID
            var summary = ClinicalSummary()
            summary.problems = try chart.activeProblems(organizationID: org, patientID: patientID)
            summary.encounters = try chart.encounters(organizationID: org, patientID: patientID, limit: 25)
            summary.encounterCounts = try chart.encounterCounts(organizationID: org, patientID: patientID)
            summary.medications = try chart.currentMedications(organizationID: org, patientID: patientID)
            summary.allergies = try chart.allergies(organizationID: org, patientID: patientID)
            summary.vitals = try chart.measures(organizationID: org, patientID: patientID, categories: ["vital-signs"], limit: 8, pointsPerMeasure: 12)
            summary.labs = try chart.measures(organizationID: org, patientID: patientID, categories: ["laboratory"], limit: 12, pointsPerMeasure: 12)
            summary.costByMonth = try chart.claimsCostByMonth(organizationID: org, patientID: patientID, months: 24)
            try env.audit.record(.patientRead, by: context, patientID: patientID, resourceType: "ClinicalSummary", on: conn)
            return .success(summary)
        }
    }
}

extension CareServices {
    /// The chart's imported clinical sections.
    public var clinicalChart: ClinicalChartService { ClinicalChartService(environment: environment) }
}
