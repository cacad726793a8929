import FHIR
import XCTest

/// Damaged input must be rejected with an FHIRError, never crash or hang.
final class RobustnessTests: XCTestCase {
    private func control() throws -> [UInt8] {
        try SharedData.bytes(SharedData.malformed.appendingPathComponent("valid-minimal.json"))
    }

    func testEveryTruncationOfAValidBundleIsRejectedAsIncomplete() throws {
        let bytes = try control()
        let lastBrace = try XCTUnwrap(bytes.lastIndex(of: UInt8(ascii: "}")))
        for length in 0..<lastBrace {
            XCTAssertThrowsError(try FHIRBundleReader().read(Array(bytes[0..<length]))) { error in
                XCTAssertEqual((error as? FHIRError).map { if case .invalidJSON(.unexpectedEndOfInput, _) = $0 { return true } else { return false } }, true,
                               "length \(length): \(error)")
            }
        }
    }

    func testRandomByteDamageIsRejectedOrReadNeverCrashes() throws {
        let bytes = try control()
        var generator = SplitMix64(seed: 20_261_130)
        var rejected = 0
        for _ in 0..<3_000 {
            var damaged = bytes
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<damaged.count, using: &generator)
                damaged[index] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                let bundle = try FHIRBundleReader().read(damaged)
                for resource in bundle.resources { _ = try? FHIRRecord(resource) }
            } catch {
                rejected += 1
            }
        }
        XCTAssertGreaterThan(rejected, 2_000, "most random damage breaks JSON or the bundle rules")
    }

    func testReplacementOfANonStringIndexIsIgnored() throws {
        let document = try JSONDocument(#"{"a": 1, "b": "x"}"#)
        let numberIndex = try XCTUnwrap(document.root["a"]).index
        let stringIndex = try XCTUnwrap(document.root["b"]).index
        let changed = document.replacingStrings([numberIndex: "no", stringIndex: "y", 999: "no"])
        XCTAssertEqual(String(decoding: JSONWriter.compact(changed.root), as: UTF8.self), #"{"a":1,"b":"y"}"#)
    }
}

/// A small deterministic generator so failures reproduce (Steele, Lea & Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
