import CareServices
import Foundation
import Storage
import XCTest

/// Every Synthea bundle, through the import service into a real SQLite file.
final class BundleImportTests: XCTestCase {
    /// Organization and Practitioner entries recur across bundles (same ids): stored once, not per patient.
    static let sharedTypes: Set<String> = ["Organization", "Practitioner"]

    func testEveryBundleImportsWithTheCountsByTypeOfItsFile() throws {
        let fixture = try ImportFixture()
        let expected = try ImportFixture.expectedCounts()
        let bundles = try ImportFixture.syntheaBundles()
        XCTAssertEqual(bundles.count, 103)
        var sharedIDs = 0
        for path in bundles {
            let name = (path as NSString).lastPathComponent
            let report = fixture.services.fhirImport.importFile(atPath: path, organizationID: fixture.organizationID)
            guard case .imported(let counts) = report.outcome else { return XCTFail("\(name) rejected: \(report.outcome)") }
            let wanted = try XCTUnwrap(expected[name], name)
            XCTAssertEqual(counts.byType, wanted, name)
            // What is in the database for this patient's compartment is exactly what the file holds.
            let patientID = try XCTUnwrap(fixture.database.read { conn in
                try conn.scalar("SELECT id FROM fhir_resources WHERE organization_id = ? AND resource_type = 'Patient' ORDER BY row_id DESC LIMIT 1",
                                [fixture.organizationID])
            }.textValue)
            let stored = try fixture.database.read { try FHIRResourceRepository($0).countsByType(organizationID: fixture.organizationID, patientID: patientID) }
            XCTAssertEqual(stored, wanted.filter { !Self.sharedTypes.contains($0.key) }, name)
            sharedIDs += counts.inserted - wanted.filter { !Self.sharedTypes.contains($0.key) }.values.reduce(0, +)
        }
        let totals = try fixture.counts()
        for type in Set(expected.values.flatMap(\.keys)) where !Self.sharedTypes.contains(type) {
            XCTAssertEqual(totals[type], expected.values.reduce(0) { $0 + ($1[type] ?? 0) }, type)
        }
        XCTAssertEqual((totals["Organization"] ?? 0) + (totals["Practitioner"] ?? 0), sharedIDs)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients WHERE organization_id = ?", [fixture.organizationID]), 103)
        // Source ids are the FHIR ids: the patient of a named file is found by the uuid in its name.
        let adolfoID = try ImportFixture.patientID(inBundle: ImportFixture.synthea + "/Adolfo_Marquardt_50635536-8051-4085-bfd4-511a05062ac2.json")
        let adolfo = try fixture.database.read { try FHIRResourceRepository($0).find(organizationID: fixture.organizationID, resourceType: "Patient", id: adolfoID) }
        XCTAssertEqual(adolfo?.id, adolfoID)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'data.import' AND outcome = 'success'"), 103)
    }

    func testModeledTablesHoldTheClinicalFacts() throws {
        let fixture = try ImportFixture()
        let path = ImportFixture.synthea + "/Dennis_Durgan_78f005f3-7b33-4a5b-84d9-28417b36dbab.json"
        guard case .imported = fixture.services.fhirImport.importFile(atPath: path, organizationID: fixture.organizationID).outcome else {
            return XCTFail("rejected")
        }
        let patient = try ImportFixture.patientID(inBundle: path)
        let expected = try XCTUnwrap(ImportFixture.expectedCounts()[(path as NSString).lastPathComponent])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_encounters WHERE patient_id = ?", [patient]), expected["Encounter"])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_conditions WHERE patient_id = ?", [patient]), expected["Condition"])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_observations WHERE patient_id = ? AND id NOT LIKE '%#%'", [patient]),
                       expected["Observation"])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_claims WHERE patient_id = ?", [patient]),
                       (expected["Claim"] ?? 0) + (expected["ExplanationOfBenefit"] ?? 0))
        // Dennis has emergency and inpatient encounters (README table) with their class codes.
        XCTAssertGreaterThan(try fixture.scalar("SELECT COUNT(*) FROM clinical_encounters WHERE patient_id = ? AND class_code = 'EMER'", [patient]), 0)
        XCTAssertGreaterThan(try fixture.scalar("SELECT COUNT(*) FROM clinical_encounters WHERE patient_id = ? AND class_code = 'IMP'", [patient]), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_encounters WHERE patient_id = ? AND start_at IS NULL", [patient]), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_claims WHERE patient_id = ? AND resource_type = 'Claim' AND total IS NULL", [patient]), 0)
        XCTAssertGreaterThan(try fixture.scalar("SELECT COUNT(*) FROM clinical_observations WHERE patient_id = ? AND code = '8480-6' AND value_number > 0", [patient]), 0)
    }

    func testReimportingTheSameFilesChangesNothing() throws {
        let fixture = try ImportFixture()
        let bundles = Array(try ImportFixture.syntheaBundles().prefix(8))
        for path in bundles { _ = fixture.services.fhirImport.importFile(atPath: path, organizationID: fixture.organizationID) }
        let before = try fixture.contents()
        let tablesBefore = try tableCounts(fixture)
        for path in bundles {
            let report = fixture.services.fhirImport.importFile(atPath: path, organizationID: fixture.organizationID)
            guard case .imported(let counts) = report.outcome else { return XCTFail("rejected on re-import") }
            XCTAssertEqual(counts.inserted, 0)
            XCTAssertEqual(counts.updated, 0)
            XCTAssertEqual(counts.unchanged, counts.total)
        }
        XCTAssertEqual(try fixture.contents(), before)
        XCTAssertEqual(try tableCounts(fixture), tablesBefore)
        XCTAssertEqual(try fixture.scalar("SELECT MAX(version) FROM fhir_resources"), 1)
    }

    func testChangedContentReplacesTheResourceAndItsRows() throws {
        let fixture = try ImportFixture()
        let original = try String(contentsOfFile: ImportFixture.synthea + "/malformed/valid-minimal.json", encoding: .utf8)
        let service = fixture.services.fhirImport
        guard case .imported = service.importBundle(Array(original.utf8), name: "a.json", organizationID: fixture.organizationID).outcome else {
            return XCTFail("control rejected")
        }
        let changed = original.replacingOccurrences(of: "\"AMB\"", with: "\"EMER\"")
        XCTAssertNotEqual(changed, original)
        guard case .imported(let counts) = service.importBundle(Array(changed.utf8), name: "b.json", organizationID: fixture.organizationID).outcome else {
            return XCTFail("changed bundle rejected")
        }
        XCTAssertEqual(counts.updated, 1)
        XCTAssertEqual(counts.unchanged, 1)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_encounters"), 1)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_encounters WHERE class_code = 'EMER'"), 1)
        XCTAssertEqual(try fixture.scalar("SELECT version FROM fhir_resources WHERE resource_type = 'Encounter'"), 2)
    }

    func testAFileThatClashesWithStoredDataIsRejectedAloneWithinItsBatch() throws {
        let fixture = try ImportFixture()
        let original = try String(contentsOfFile: ImportFixture.synthea + "/malformed/valid-minimal.json", encoding: .utf8)
        let withMRN = original.replacingOccurrences(of: #""gender": "female","#, with: #""gender": "female", "identifier": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]}, "value": "MRN-1"}],"#)
        XCTAssertNotEqual(withMRN, original)
        // Same MRN, other patient and encounter ids: the registry's unique MRN refuses it.
        let clash = withMRN.replacingOccurrences(of: "6f1e1c52-3a0e-4b7e-9a31-0b7c2d1e9a01", with: "7f1e1c52-3a0e-4b7e-9a31-0b7c2d1e9a01")
            .replacingOccurrences(of: "0c9b5a7e-2f44-4d1e-8a6b-5e3f7d2c1b02", with: "1c9b5a7e-2f44-4d1e-8a6b-5e3f7d2c1b02")
        let files = [("a.json", withMRN), ("b.json", clash)].map { name, text in (fixture.folder + "/" + name, text) }
        for (path, text) in files { try text.write(toFile: path, atomically: true, encoding: .utf8) }
        let control = ImportFixture.synthea + "/" + CommandLineImportTests.control
        let reports = fixture.services.fhirImport.importFiles(files.map { ImportInput(path: $0.0) } + [ImportInput(path: control)],
                                                              organizationID: fixture.organizationID)
        XCTAssertEqual(reports.count, 3)
        guard case .imported = reports[0].outcome, case .rejected(let problem) = reports[1].outcome, case .imported = reports[2].outcome else {
            return XCTFail("\(reports.map(\.outcome))")
        }
        XCTAssertTrue(problem.contains("MRN MRN-1 already belongs to another patient"), problem)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE id LIKE '7f1e1c52%' OR id LIKE '1c9b5a7e%'"), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE id LIKE '6f1e1c52%' OR id LIKE '0c9b5a7e%'"), 2)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients"), 2)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'data.import' AND outcome = 'failure'"), 1)
    }

    private func tableCounts(_ fixture: ImportFixture) throws -> [Int] {
        try ["fhir_resources", "fhir_tokens", "clinical_conditions", "clinical_encounters", "clinical_observations", "clinical_medications",
             "clinical_claims", "clinical_events", "patients", "patient_identifiers"].map { try fixture.scalar("SELECT COUNT(*) FROM \($0)") }
    }
}

extension SQLValue {
    var textValue: String? {
        if case .text(let v) = self { return v }
        return nil
    }
}
