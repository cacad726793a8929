import Foundation
import Storage
import XCTest

/// Claims-style member files (`members_5k.jsonl`) as patients with diagnoses and coverage.
final class MemberImportTests: XCTestCase {
    func testMembersBecomePatientsWithDiagnosesAndCoverage() throws {
        let fixture = try ImportFixture()
        let lines = try String(contentsOfFile: ImportFixture.data + "/risk-dev/members_5k.jsonl", encoding: .utf8)
            .split(separator: "\n").prefix(200)
        let file = fixture.folder + "/members.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var diagnoses = 0
        for line in lines {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            diagnoses += (object["dx"] as? [String])?.count ?? 0
        }
        let run = try ImportFixture.runTend(["import", "members", "--db", fixture.path, "--org", "Acme Care", file])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(try fixture.counts(), ["Patient": 200, "Coverage": 200, "Condition": diagnoses])
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients"), 200)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_conditions WHERE code_system = 'http://hl7.org/fhir/sid/icd-10-cm'"), diagnoses)
        // m0000001: 33-year-old woman, CND segment, 12 diagnoses including C50019.
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients WHERE public_id = 'm0000001' AND sex = 'female'"), 1)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_conditions WHERE patient_id = 'm0000001'"), 12)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM clinical_conditions WHERE patient_id = 'm0000001' AND code = 'C50019'"), 1)
        let coverage = try XCTUnwrap(fixture.contents()["Coverage/m0000001-coverage"])
        XCTAssertTrue(coverage.contains(#""code":"CND""#), coverage)
        XCTAssertTrue(coverage.contains(#""valueBoolean":false"#), coverage)

        let again = try ImportFixture.runTend(["import", "members", "--db", fixture.path, "--org", "Acme Care", file])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.out.contains("new 0, changed 0"), again.out)
    }

    func testABadMemberLineRejectsTheWholeFile() throws {
        let fixture = try ImportFixture()
        let file = fixture.folder + "/members.jsonl"
        try """
        {"id":"m1","age":70,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":["E119"]}
        {"id":"m2","age":"seventy","sex":"M","elig":"CNA","orec":"0","medicaid":false,"dx":[]}

        """.write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ImportFixture.runTend(["import", "members", "--db", fixture.path, "--org", "Acme Care", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.contains("members.jsonl: line 2: age must be"), run.err)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources"), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients"), 0)
    }

    /// A member listed twice is refused, after 600 good members (past the parsing thread's first
    /// hand-overs), and nothing of the file stays.
    func testARepeatedMemberRejectsTheWholeFile() throws {
        let fixture = try ImportFixture()
        let file = fixture.folder + "/members.jsonl"
        var lines = (1...600).map { #"{"id":"m\#($0)","age":70,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":["E119","I10"]}"# }
        lines.append(#"{"id":"m5","age":71,"sex":"M","elig":"CNA","orec":"0","medicaid":false,"dx":[]}"#)
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let run = try ImportFixture.runTend(["import", "members", "--db", fixture.path, "--org", "Acme Care", file])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.err.contains("Patient/m5 at line 2401 appears twice in the file"), run.err)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM fhir_resources"), 0)
        XCTAssertEqual(try fixture.scalar("SELECT COUNT(*) FROM patients"), 0)
    }
}
