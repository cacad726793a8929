import Storage
import XCTest
@testable import CareServices

/// The stored hashes follow their documented formulas exactly, so an auditor can recompute them with
/// any SHA-256 tool (expected values computed independently with Python's hashlib).
final class HashFormulaTests: XCTestCase {
    func testAuditHashIsSHA256OfPreviousHashAndLengthPrefixedFields() {
        var row = AuditRow(organizationID: 7, at: "2026-11-30T06:00:00.000Z", userID: 42, username: "ada", role: "care_manager",
                           action: "patient.read", outcome: "success", patientID: "p-1", resourceType: "Patient", resourceID: "p-1",
                           clientAddress: "127.0.0.1", requestID: "abcd", detail: "")
        row.seq = 3
        row.prevHash = "prevhex"
        // hashlib.sha256(b"prevhex" + b"1:7" + b"1:3" + b"24:2026-11-30T06:00:00.000Z" + ... + b"0:").hexdigest()
        XCTAssertEqual(AuditChain.hash(of: row), "b237d19aaeb34711dc1a61585e996c0f061755bfe42dbc170a998bbf3ceecdf5")
        row.detail = "x"
        XCTAssertNotEqual(AuditChain.hash(of: row), "b237d19aaeb34711dc1a61585e996c0f061755bfe42dbc170a998bbf3ceecdf5")
    }

    func testSecretsAreStoredAsOneSHA256() {
        XCTAssertEqual(AuthService.hashOf("tend_secret"), "6539e8aa597840baafd4ea1113a266560f9f9119a557ff9553a5c327b844adf4")
    }
}
