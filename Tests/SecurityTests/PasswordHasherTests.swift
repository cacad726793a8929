import XCTest
@testable import Security

final class PasswordHasherTests: XCTestCase {
    private let hasher = PasswordHasher(parameters: .fastForTests)

    // Independent answer: argon2-cffi 25.1 (its own bundled libargon2):
    // hash_secret(b"correct horse battery staple", bytes(range(16)), time_cost=1,
    //             memory_cost=1024, parallelism=1, hash_len=32, type=Type.ID)
    func testKnownAnswerMatchesArgon2Cffi() throws {
        let encoded = try hasher.hash("correct horse battery staple", salt: Array(0..<16))
        XCTAssertEqual(encoded, "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I")
    }

    // The same tool, with the production parameters: proves `verify` reads m/t/p from the string.
    func testVerifiesHashMadeElsewhereWithRecommendedParameters() {
        let encoded = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE"
        XCTAssertTrue(hasher.verify("password", encoded: encoded))
        XCTAssertFalse(hasher.verify("Password", encoded: encoded))
    }

    func testHashHasPHCShapeWithChosenParametersAnd16ByteSalt() throws {
        let encoded = try hasher.hash("s3cret")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        XCTAssertEqual(fields.count, 6)
        XCTAssertEqual(fields[1], "argon2id")
        XCTAssertEqual(fields[2], "v=19")
        XCTAssertEqual(fields[3], "m=1024,t=1,p=1")
        XCTAssertEqual(fields[4].count, 22)  // 16 bytes, unpadded base64
        XCTAssertEqual(fields[5].count, 43)  // 32 bytes, unpadded base64
    }

    func testSamePasswordHashesDifferentlyEachTime() throws {
        XCTAssertNotEqual(try hasher.hash("same"), try hasher.hash("same"))
    }

    func testVerifyAcceptsRightPasswordAndRejectsWrongOnes() throws {
        let encoded = try hasher.hash("Tr0ub4dor&3")
        XCTAssertTrue(hasher.verify("Tr0ub4dor&3", encoded: encoded))
        XCTAssertFalse(hasher.verify("Tr0ub4dor&4", encoded: encoded))
        XCTAssertFalse(hasher.verify("", encoded: encoded))
        XCTAssertFalse(hasher.verify("Tr0ub4dor&3 ", encoded: encoded))
    }

    func testEmptyAndUnicodePasswordsRoundTrip() throws {
        for password in ["", "pässwörd", "🔐 key", "a\u{0}b"] {
            let encoded = try hasher.hash(password)
            XCTAssertTrue(hasher.verify(password, encoded: encoded), password)
        }
    }

    func testVerifyRejectsGarbageEncodedStringsWithoutCrashing() throws {
        let good = try hasher.hash("pw")
        let garbage = [
            "", "$", "garbage", "$argon2id$", "$argon2i$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO",
            "$argon2id$v=16$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I",
            "$argon2id$v=19$m=-1,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I",
            "$argon2id$v=19$m=1024,t=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I",
            "$argon2id$v=19$m=99999999999,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I",
            "$argon2id$v=19$m=1024,t=1,p=1$!!!$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I",
            "$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$",
            String(good.dropLast()),
            good + "$",
            good + "AA",
        ]
        for encoded in garbage {
            XCTAssertFalse(hasher.verify("pw", encoded: encoded), encoded)
        }
    }

    // A stored string asking for 4 TiB of memory must be refused before argon2 tries to allocate it.
    func testVerifyRefusesImplausiblyExpensiveParameters() {
        let huge = "$argon2id$v=19$m=4294967295,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I"
        XCTAssertFalse(hasher.verify("correct horse battery staple", encoded: huge))
        let slow = "$argon2id$v=19$m=1024,t=65,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I"
        XCTAssertFalse(hasher.verify("correct horse battery staple", encoded: slow))
    }

    func testHashingWithParametersBelowArgon2MinimumThrowsItsMessage() {
        let broken = PasswordHasher(parameters: Argon2Parameters(iterations: 0, memoryKiB: 1024, parallelism: 1))
        XCTAssertThrowsError(try broken.hash("pw")) { error in
            guard case SecurityError.hashingFailed(let code, let message) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertNotEqual(code, 0)
            XCTAssertEqual(message, "Time cost is too small")
        }
    }

    func testNeedsRehashWhenStoredHashIsWeakerThanTheHasher() throws {
        let weak = try hasher.hash("pw")
        XCTAssertTrue(PasswordHasher(parameters: .recommended).needsRehash(weak))
        XCTAssertTrue(PasswordHasher(parameters: Argon2Parameters(iterations: 2, memoryKiB: 1024, parallelism: 1)).needsRehash(weak))
        XCTAssertTrue(PasswordHasher(parameters: Argon2Parameters(iterations: 1, memoryKiB: 1025, parallelism: 1)).needsRehash(weak))
    }

    func testNoRehashWhenStoredHashIsEqualOrStronger() throws {
        let weak = try hasher.hash("pw")
        XCTAssertFalse(hasher.needsRehash(weak))
        let recommended = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE"
        XCTAssertFalse(PasswordHasher(parameters: .recommended).needsRehash(recommended))
        XCTAssertFalse(hasher.needsRehash(recommended))
        // Parallelism is deliberately not compared.
        XCTAssertFalse(PasswordHasher(parameters: Argon2Parameters(iterations: 1, memoryKiB: 1024, parallelism: 4)).needsRehash(weak))
    }

    func testNeedsRehashForGarbageOtherAlgorithmsAndShortSalts() {
        XCTAssertTrue(hasher.needsRehash("garbage"))
        XCTAssertTrue(hasher.needsRehash("$argon2i$v=19$m=1024,t=1,p=1$AAECAwQFBgcICQoLDA0ODw$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I"))
        // 8-byte salt.
        XCTAssertTrue(hasher.needsRehash("$argon2id$v=19$m=1024,t=1,p=1$AAECAwQFBgc$8NFSWEIVnO+XJgji+LwcssgjD4Hup28SR4n2vrQkA7I"))
    }

    func testRecommendedParametersAreOWASPMinimum() {
        XCTAssertEqual(Argon2Parameters.recommended, Argon2Parameters(iterations: 2, memoryKiB: 19456, parallelism: 1))
        XCTAssertEqual(PasswordHasher().parameters, .recommended)
    }
}
