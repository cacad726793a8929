import CareCore
import Foundation
import RiskModels
import Storage

/// What loading the demo's clinical records did.
public struct DemoClinicalSummary: Sendable {
    /// Resources imported, by FHIR type (the recent diagnoses included).
    public var counts = ImportCounts()
    /// The two risk runs: as of six months ago, then today.
    public var riskRuns: [RiskRunRecord] = []
}

extension DemoData {
    /// Patients per imported bundle (one transaction each).
    static let patientsPerBundle = 50

    /// Gives every demo patient a clinical record through the real FHIR importer, then scores the population.
    ///
    /// The resources point at the registry patients by public id (`subject: Patient/demo-0001`) and no
    /// `Patient` resource is imported: the importer stores resources whose patient is only in the registry,
    /// and leaves the registry row (priorities, support people, care team, phone…) as the demo wrote it,
    /// where importing a Patient would overwrite those details with what FHIR carries.
    ///
    /// Risk is scored twice, as the operator would over time: once as of six months ago, before the recent
    /// diagnoses are imported, then as of today, so that the population page shows rising risk.
    func loadClinical(_ patients: [DemoPatient], organizationID: Int64, today local: LocalDate, seed: UInt64) throws -> DemoClinicalSummary {
        var summary = DemoClinicalSummary()
        guard let today = CalendarDay(year: local.year, month: local.month, day: local.day) else { return summary }
        let generator = DemoClinicalGenerator(today: today, seed: seed)
        var recent: [String] = []
        var start = 0
        while start < patients.count {
            let end = min(start + Self.patientsPerBundle, patients.count)
            var resources: [String] = []
            for patient in patients[start..<end] {
                let record = generator.record(for: patient)
                resources += record.resources
                recent += record.recentChanges
            }
            summary.counts.add(try importBundle(resources, name: "demo-clinical-\(start / Self.patientsPerBundle + 1).json", organizationID: organizationID))
            start = end
        }
        let risk = RiskRunService(environment: environment)
        let jobs = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
        if !patients.isEmpty {
            summary.riskRuns.append(try risk.run(organizationID: organizationID, parameters: RiskRunParameters(asOf: today.adding(days: -182), jobs: jobs)).run)
        }
        if !recent.isEmpty {
            summary.counts.add(try importBundle(recent, name: "demo-clinical-recent.json", organizationID: organizationID))
        }
        if !patients.isEmpty {
            summary.riskRuns.append(try risk.run(organizationID: organizationID, parameters: RiskRunParameters(asOf: today, jobs: jobs)).run)
        }
        return summary
    }

    /// Imports `resources` as one collection Bundle; a rejection is an error (the demo's data must all load).
    private func importBundle(_ resources: [String], name: String, organizationID: Int64) throws -> ImportCounts {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(resources.reduce(64) { $0 + $1.utf8.count + 16 })
        bytes += Array(#"{"resourceType":"Bundle","type":"collection","entry":["#.utf8)
        for (index, resource) in resources.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += Array(#"{"resource":"#.utf8)
            bytes += Array(resource.utf8)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes += Array("]}".utf8)
        let report = FHIRImportService(environment: environment).importBundle(bytes, name: name, organizationID: organizationID)
        switch report.outcome {
        case .imported(let counts): return counts
        case .rejected(let problem): throw DemoLoadError(description: "the demo's clinical data did not import: \(name): \(problem)")
        }
    }
}

/// The demo could not be loaded (a bug in the generator: its data must always import).
public struct DemoLoadError: Error, CustomStringConvertible {
    public let description: String
}
