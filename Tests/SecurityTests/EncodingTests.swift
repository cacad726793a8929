import XCTest
import Security

final class EncodingTests: XCTestCase {
    func testHexEncodesLowercase() {
        XCTAssertEqual(Hex.encode([]), "")
        XCTAssertEqual(Hex.encode([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
    }

    func testHexDecodesEitherCase() {
        XCTAssertEqual(Hex.decode("000fA0Ff"), [0x00, 0x0f, 0xa0, 0xff])
        XCTAssertEqual(Hex.decode(""), [])
    }

    func testHexRoundTripsAllByteValues() {
        let all = (0...255).map { UInt8($0) }
        XCTAssertEqual(Hex.decode(Hex.encode(all)), all)
    }

    func testHexRejectsBadInput() {
        for bad in ["0", "abc", "zz", "0g", " 00", "00 ", "0x00", "é0", "-1"] {
            XCTAssertNil(Hex.decode(bad), bad)
        }
    }

    // RFC 4648 §10 vectors, in the URL alphabet without padding.
    func testBase64URLMatchesRFC4648Vectors() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64URL.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base64URL.decode(encoded), Array(plain.utf8))
        }
    }

    func testBase64URLUsesDashAndUnderscore() {
        XCTAssertEqual(Base64URL.encode([0xfb, 0xff, 0xbf]), "-_-_")
        XCTAssertEqual(Base64URL.decode("-_-_"), [0xfb, 0xff, 0xbf])
    }

    func testBase64URLRoundTripsEveryLength() {
        for length in 0...70 {
            let bytes = SecureRandom.bytes(count: length)
            XCTAssertEqual(Base64URL.decode(Base64URL.encode(bytes)), bytes, "length \(length)")
        }
    }

    func testBase64URLRejectsBadInput() {
        // Padding, the standard alphabet, whitespace, impossible length, non-canonical trailing bits.
        for bad in ["Zg==", "Zm8=", "+/+/", "Zm9 v", "Zm9v\n", "Z", "Zm9vY", "Zh", "Zm9", "é"] {
            XCTAssertNil(Base64URL.decode(bad), bad)
        }
    }
}
