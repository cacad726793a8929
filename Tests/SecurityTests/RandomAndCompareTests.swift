import XCTest
import Security

final class RandomAndCompareTests: XCTestCase {
    func testBytesHaveRequestedCount() {
        XCTAssertEqual(SecureRandom.bytes(count: 0), [])
        XCTAssertEqual(SecureRandom.bytes(count: 1).count, 1)
        XCTAssertEqual(SecureRandom.bytes(count: 1000).count, 1000)
    }

    func testRandomBytesAreNotConstant() {
        // 64 bytes all equal by chance: probability 2^-504.
        let bytes = SecureRandom.bytes(count: 64)
        XCTAssertGreaterThan(Set(bytes).count, 1)
        XCTAssertNotEqual(bytes, SecureRandom.bytes(count: 64))
    }

    func testDefaultTokenIs43Base64URLCharacters() {
        let token = SecureRandom.token()
        XCTAssertEqual(token.count, 43)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        XCTAssertTrue(token.allSatisfy { alphabet.contains($0) }, token)
        XCTAssertEqual(Base64URL.decode(token)?.count, 32)
    }

    func testTokenLengthFollowsByteCount() {
        XCTAssertEqual(SecureRandom.token(byteCount: 16).count, 22)
        XCTAssertEqual(SecureRandom.token(byteCount: 3).count, 4)
        XCTAssertEqual(SecureRandom.token(byteCount: 0), "")
    }

    func testTwoTokensDiffer() {
        let tokens = Set((0..<100).map { _ in SecureRandom.token() })
        XCTAssertEqual(tokens.count, 100)
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(constantTimeEquals([], []))
        XCTAssertTrue(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(constantTimeEquals([0, 2, 3], [1, 2, 3]))
    }

    func testConstantTimeEqualsIsFalseForDifferentLengthsEvenWithSamePrefix() {
        XCTAssertFalse(constantTimeEquals([1, 2, 3], [1, 2]))
        XCTAssertFalse(constantTimeEquals([1, 2], [1, 2, 3]))
        XCTAssertFalse(constantTimeEquals([], [0]))
    }
}
