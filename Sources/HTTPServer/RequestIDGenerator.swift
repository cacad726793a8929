import Synchronization

/// Hands out 16-hex-digit request IDs, unique within the process and unpredictable across runs.
final class RequestIDGenerator: Sendable {
    static let shared = RequestIDGenerator()

    private let seed: UInt64
    private let counter = Atomic<UInt64>(0)

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) { self.seed = seed }

    /// The next ID: a bijective mix of seed plus counter, so no two calls in one process collide.
    func next() -> String {
        let n = counter.wrappingAdd(1, ordering: .relaxed).newValue
        return hex16(splitMix64(seed &+ n))
    }
}

/// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijection on UInt64.
func splitMix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

private let hexDigits = Array("0123456789abcdef".utf8)

func hex16(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: 16) { buffer in
        for i in 0..<16 { buffer[i] = hexDigits[Int((value >> UInt64(60 - 4 * i)) & 0xF)] }
        return 16
    }
}
