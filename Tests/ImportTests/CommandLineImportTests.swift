import Foundation
import Storage
import XCTest

/// The `tend import` / `tend export` commands, run as a child process on a real database file.
final class CommandLineImportTests: XCTestCase {
    static let malformed: [(file: String, problem: String)] = [
        ("01-bad-json.json", "invalid JSON at line 4"),
        ("02-wrong-top-level-resourcetype.json", "not a FHIR Bundle: resourceType is \"Patient\""),
        ("03-dangling-urn-uuid-reference.json", "unresolved reference \"urn:uuid:deadbeef"),
        ("04-non-utf8-bytes.json", "invalid UTF-8"),
        ("05-truncated.json", "unexpected end of input"),
        ("06-entry-missing-resource.json", "Bundle.entry[1]"),
    ]
    static let control = "Buster_Hoeger_ad2e3fc5-2b5d-4cb9-8d03-9ea0f4ac8423.json"

    func testEachMalformedBundleIsRejectedWithOneLineAndTheOtherFilesImport() throws {
        let fixture = try ImportFixture()
        let files = Self.malformed.map { ImportFixture.synthea + "/malformed/" + $0.file } + [ImportFixture.synthea + "/" + Self.control]
        let run = try ImportFixture.runTend(["import", "fhir", "--db", fixture.path, "--org", "Acme Care"] + files)
        XCTAssertEqual(run.status, 1, run.err)
        let lines = run.err.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, Self.malformed.count, run.err)
        for (file, problem) in Self.malformed {
            let matching = lines.filter { $0.contains("/malformed/" + file + ": ") }
            XCTAssertEqual(matching.count, 1, "one line for \(file): \(run.err)")
            XCTAssertTrue(matching.first?.contains(problem) ?? false, "\(file): \(matching)")
        }
        // Nothing from any malformed file (they all carry Patient 6f1e1c52-…), everything from the control bundle.
        let expected = try XCTUnwrap(ImportFixture.expectedCounts()[Self.control])
        XCTAssertEqual(try fixture.counts(), expected)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE id LIKE '6f1e1c52%' OR id LIKE '0c9b5a7e%'"), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients"), 1)
        XCTAssertTrue(run.out.contains("Imported 1 of 7 files"), run.out)
        XCTAssertTrue(run.out.contains("Observation"), run.out)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'data.import' AND outcome = 'failure'"), 6)

        let control = try ImportFixture.runTend(["import", "fhir", "--db", fixture.path, "--org", "Acme Care",
                                                 ImportFixture.synthea + "/malformed/valid-minimal.json"])
        XCTAssertEqual(control.status, 0, control.err)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources WHERE id IN ('6f1e1c52-3a0e-4b7e-9a31-0b7c2d1e9a01', '0c9b5a7e-2f44-4d1e-8a6b-5e3f7d2c1b02')"), 2)
    }

    func testNDJSONWithABadLineIsRejectedWhole() throws {
        let fixture = try ImportFixture()
        let file = fixture.folder + "/Condition.ndjson"
        let good = #"{"resourceType":"Patient","id":"p1","gender":"male","birthDate":"1950-02-03"}"#
        try (good + "\n" + #"{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"}"# + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ImportFixture.runTend(["import", "fhir", "--db", fixture.path, "--org", "Acme Care", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.contains("Condition.ndjson: invalid JSON at line 2"), run.err)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources"), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients"), 0)

        try (good + "\n" + good + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let repeated = try ImportFixture.runTend(["import", "fhir", "--db", fixture.path, "--org", "Acme Care", file])
        XCTAssertEqual(repeated.status, 1)
        XCTAssertTrue(repeated.err.contains("Patient/p1 at line 2 appears twice"), repeated.err)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources"), 0)
    }

    func testUnknownOrganizationAndMissingFilesAreUsageErrors() throws {
        let fixture = try ImportFixture()
        let noOrg = try ImportFixture.runTend(["import", "fhir", "--db", fixture.path, "--org", "Nobody", ImportFixture.synthea + "/" + Self.control])
        XCTAssertEqual(noOrg.status, 1)
        XCTAssertTrue(noOrg.err.contains("no organization named Nobody"), noOrg.err)
        let noFile = try ImportFixture.runTend(["import", "fhir", "--db", fixture.path, "--org", "Acme Care", fixture.folder + "/absent.json"])
        XCTAssertEqual(noFile.status, 1)
        XCTAssertTrue(noFile.err.contains("no file or folder at"), noFile.err)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources"), 0)
    }

    func testExportThenImportReproducesTheSameRecords() throws {
        let source = try ImportFixture()
        let bundles = Array(try ImportFixture.syntheaBundles().prefix(12))
        let first = try ImportFixture.runTend(["import", "fhir", "--db", source.path, "--org", "Acme Care"] + bundles)
        XCTAssertEqual(first.status, 0, first.err)
        let out = source.folder + "/export"
        let export = try ImportFixture.runTend(["export", "fhir", "--db", source.path, "--out", out])
        XCTAssertEqual(export.status, 0, export.err)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(files, try source.counts().keys.map { $0 + ".ndjson" }.sorted())
        // The export holds patient data: owner-only files, and an audit row for the disclosure.
        for file in files {
            let permissions = try FileManager.default.attributesOfItem(atPath: out + "/" + file)[.posixPermissions] as? Int
            XCTAssertEqual(permissions, 0o600, file)
        }
        XCTAssertEqual(try source.scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'data.export' AND username = 'operator'"), 1)

        let target = try ImportFixture(organization: "Beacon Health")
        let second = try ImportFixture.runTend(["import", "fhir", "--db", target.path, "--org", "Beacon Health", out])
        XCTAssertEqual(second.status, 0, second.err)
        let original = try source.contents()
        XCTAssertGreaterThan(original.count, 1000)
        XCTAssertEqual(try target.contents(), original)
        let registry = "SELECT public_id, given_name, family_name, birth_date, sex, city FROM patients ORDER BY public_id"
        XCTAssertEqual(try target.database.read { try $0.query(registry).map(\.values) }, try source.database.read { try $0.query(registry).map(\.values) })
        for table in ["clinical_conditions", "clinical_encounters", "clinical_observations", "clinical_claims", "clinical_events", "fhir_tokens"] {
            XCTAssertEqual(try target.scalar("SELECT COUNT(*) FROM \(table)"), try source.scalar("SELECT COUNT(*) FROM \(table)"), table)
        }
        // And importing the export again changes nothing.
        let again = try ImportFixture.runTend(["import", "fhir", "--db", target.path, "--org", "Beacon Health", out])
        XCTAssertTrue(again.out.contains("new 0, changed 0"), again.out)
    }
}
