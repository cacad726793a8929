import XCTest
import Security

final class DigestTests: XCTestCase {
    // FIPS 180-2 Appendix B.1 ("abc") and the well-known digest of the empty message.
    func testSHA256OfABCMatchesFIPS180Vector() {
        XCTAssertEqual(Hex.encode(Digest.sha256("abc")),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testSHA256OfEmptyInputMatchesKnownDigest() {
        XCTAssertEqual(Digest.sha256Hex([]),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testSHA256StringAndBytesAgreeOnUTF8() {
        let text = "Zoë — 日本"
        XCTAssertEqual(Digest.sha256(text), Digest.sha256(Array(text.utf8)))
        XCTAssertEqual(Digest.sha256(text).count, 32)
    }

    // RFC 4231 §4.2, test case 1.
    func testHMACSHA256RFC4231Case1() {
        let key = [UInt8](repeating: 0x0b, count: 20)
        let mac = Digest.hmacSHA256(key: key, message: Array("Hi There".utf8))
        XCTAssertEqual(Hex.encode(mac), "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    // RFC 4231 §4.3, test case 2 (a key shorter than the block).
    func testHMACSHA256RFC4231Case2() {
        let mac = Digest.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        XCTAssertEqual(Hex.encode(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    // RFC 4231 §4.7, test case 6 (a key longer than the 64-byte block is hashed first).
    func testHMACSHA256RFC4231Case6LongKey() {
        let key = [UInt8](repeating: 0xaa, count: 131)
        let mac = Digest.hmacSHA256(key: key, message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        XCTAssertEqual(Hex.encode(mac), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    // Checked with Python: hmac.new(b"", b"", hashlib.sha256).hexdigest()
    func testHMACSHA256WithEmptyKeyAndMessage() {
        XCTAssertEqual(Hex.encode(Digest.hmacSHA256(key: [], message: [])),
                       "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
