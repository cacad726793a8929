import CareServices
import Foundation
import RiskModels
import Storage
import XCTest

/// Members imported after the organization has a compression dictionary are stored compressed; the
/// risk run must still read their Coverage (segment, OREC, Medicaid) and payer age from them.
final class CompressedStoreTests: XCTestCase {
    func testMembersStoredCompressedScoreExactlyAsExpected() throws {
        let fixture = try RiskFixture()
        // A bulk bundle import trains the organization's dictionary.
        let bundles = try FileManager.default.contentsOfDirectory(atPath: RiskFixture.data + "/synthea-r4").filter { $0.hasSuffix(".json") && $0 != "counts.json" }
            .sorted().prefix(8).map { ImportInput(path: RiskFixture.data + "/synthea-r4/" + $0) }
        let reports = fixture.services.fhirImport.importFiles(Array(bundles), organizationID: fixture.organizationID)
        XCTAssertEqual(reports.filter { if case .imported = $0.outcome { return true } else { return false } }.count, 8)
        XCTAssertEqual(try fixture.database.read { try $0.scalar("SELECT COUNT(*) FROM fhir_dictionaries") }, .integer(1))

        let lines = try String(contentsOfFile: RiskFixture.data + "/risk-dev/members_5k.jsonl", encoding: .utf8).split(separator: "\n").prefix(200).map(String.init)
        try fixture.importMembers(lines)
        // The members' Coverage rows really are compressed (zstd frame magic 28 b5 2f fd).
        let coverage = try fixture.database.read { try $0.queryOne("SELECT content FROM fhir_resources WHERE resource_type = 'Coverage' LIMIT 1")?.blob(0) }
        XCTAssertEqual(coverage.map { Array($0.prefix(4)) }, [0x28, 0xB5, 0x2F, 0xFD])

        let run = try fixture.run()
        let scores = try fixture.scores(run: run.id)
        let expected = try String(contentsOfFile: RiskFixture.data + "/risk-dev/expected_v28_2026.jsonl", encoding: .utf8).split(separator: "\n").prefix(200)
        for line in expected {
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let id = try XCTUnwrap(object["id"] as? String)
            let row = try XCTUnwrap(scores[id], id)
            XCTAssertEqual(row.scoreThousandths, Int(((object["score"] as? Double ?? -1) * 1000).rounded()), id)
            let explanation = RiskExplanation(json: row.explanation, model: .v28PaymentYear2026)
            XCTAssertEqual(explanation.segment, object["segment"] as? String, id)
            XCTAssertEqual(explanation.ageSource, "payer", id)
        }
    }
}
