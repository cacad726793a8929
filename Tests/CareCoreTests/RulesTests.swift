import Foundation
import XCTest
@testable import CareCore

final class NameMatchingTests: XCTestCase {
    func testASCIIFastPathNormalizesExactlyAsFoldingDoes() {
        for code in 0..<128 {
            let c = String(UnicodeScalar(UInt8(code)))
            for text in [c, "a\(c)b", "  Xy\(c)\(c)Z9 \(c)", "\(c) O'Brien-Smith\t\(c)"] {
                XCTAssertEqual(NameMatching.normalizeASCII(text), NameMatching.normalizeFolding(text), "character \(code) in \(text.debugDescription)")
            }
        }
        XCTAssertEqual(NameMatching.normalize("  Ada  LOVELACE-King\t"), "ada lovelaceking")
    }

    func testNormalizationFoldsCaseAccentsAndPunctuation() {
        XCTAssertEqual(NameMatching.normalize("  José  O'Brien-Smith "), "jose obriensmith")
        XCTAssertEqual(NameMatching.normalize("MIGUEL ÁNGEL"), "miguel angel")
    }

    func testJaroWinklerKnownValues() {
        // Classic examples from Winkler (1990): MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813.
        XCTAssertEqual(NameMatching.similarity("martha", "marhta"), 0.961, accuracy: 0.001)
        XCTAssertEqual(NameMatching.similarity("dwayne", "duane"), 0.840, accuracy: 0.001)
        XCTAssertEqual(NameMatching.similarity("dixon", "dicksonx"), 0.813, accuracy: 0.001)
        XCTAssertEqual(NameMatching.similarity("", ""), 1)
        XCTAssertEqual(NameMatching.similarity("abc", ""), 0)
    }

    func testDuplicateRule() {
        XCTAssertTrue(DuplicateRule.namesLookAlike(given1: "Ada", family1: "Lovelace", given2: "ada", family2: "Lovelase"))
        XCTAssertTrue(DuplicateRule.namesLookAlike(given1: "Ada", family1: "Lovelace", given2: "Augusta", family2: "Lovelace"), "same initial")
        XCTAssertTrue(DuplicateRule.namesLookAlike(given1: "Ada", family1: "Lovelace", given2: "Lovelace", family2: "Ada"), "swapped")
        XCTAssertFalse(DuplicateRule.namesLookAlike(given1: "Ada", family1: "Lovelace", given2: "Grace", family2: "Hopper"))
        XCTAssertFalse(DuplicateRule.namesLookAlike(given1: "Ada", family1: "Lovelace", given2: "Mary", family2: "Lovelace"))
    }
}

final class AccessRulesTests: XCTestCase {
    let own = AccessRules.Relationship(sameOrganization: true, onCareTeam: true, hasBreakGlassGrant: false)
    let other = AccessRules.Relationship(sameOrganization: true, onCareTeam: false, hasBreakGlassGrant: false)
    let glass = AccessRules.Relationship(sameOrganization: true, onCareTeam: false, hasBreakGlassGrant: true)
    let foreign = AccessRules.Relationship(sameOrganization: false, onCareTeam: true, hasBreakGlassGrant: true)

    func testCareTeamRolesSeeOnlyTheirPatientsOrBrokenGlass() {
        for role in [Role.careManager, .chw] {
            XCTAssertTrue(AccessRules.canAccessPatient(role, own))
            XCTAssertFalse(AccessRules.canAccessPatient(role, other))
            XCTAssertTrue(AccessRules.canAccessPatient(role, glass))
        }
    }

    func testSupervisorSeesWholeOrganization() {
        XCTAssertTrue(AccessRules.canAccessPatient(.supervisor, other))
    }

    func testAnalystsAndPartnersNeverSeeCharts() {
        for role in [Role.analyst, .partner] {
            XCTAssertFalse(AccessRules.canAccessPatient(role, own))
            XCTAssertFalse(AccessRules.canUseRegistry(role))
        }
    }

    func testNobodySeesAnotherOrganization() {
        for role in Role.allCases { XCTAssertFalse(AccessRules.canAccessPatient(role, foreign), role.rawValue) }
    }
}

final class SessionPolicyTests: XCTestCase {
    func testIdleAndAbsoluteLimits() {
        let p = SessionPolicy.standard
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertTrue(p.isValid(created: t0, lastSeen: t0, now: t0.addingTimeInterval(15 * 60 - 1)))
        XCTAssertFalse(p.isValid(created: t0, lastSeen: t0, now: t0.addingTimeInterval(15 * 60)))
        let late = t0.addingTimeInterval(12 * 3600 - 1)
        XCTAssertTrue(p.isValid(created: t0, lastSeen: late, now: late))
        XCTAssertFalse(p.isValid(created: t0, lastSeen: late, now: t0.addingTimeInterval(12 * 3600)))
    }

    func testThrottleLocksAtTheLimit() {
        let t = LoginThrottle.standard
        XCTAssertFalse(t.isLocked(accountFailures: 4, addressFailures: 19))
        XCTAssertTrue(t.isLocked(accountFailures: 5, addressFailures: 0))
        XCTAssertTrue(t.isLocked(accountFailures: 0, addressFailures: 20))
    }

    func testUsernameRules() {
        XCTAssertEqual(Username("Ada.L")?.value, "ada.l")
        XCTAssertNil(Username("ab"))
        XCTAssertNil(Username("_ada"))
        XCTAssertNil(Username("ada lovelace"))
        XCTAssertEqual(PasswordRule.problem(with: "short"), "must be at least 12 characters")
        XCTAssertNil(PasswordRule.problem(with: "correct horse battery"))
    }
}
