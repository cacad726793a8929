/// The parts of an Argon2id PHC string, `$argon2id$v=19$m=M,t=T,p=P$salt$hash`,
/// as written by libargon2 (standard base64 alphabet without padding).
struct PHCString: Equatable {
    var memoryKiB: UInt32
    var iterations: UInt32
    var parallelism: UInt32
    var saltLength: Int
    var hashLength: Int

    /// Upper bounds beyond which `verify` refuses to run argon2 at all, so that a corrupt
    /// or planted string cannot make the server allocate gigabytes or spin for minutes.
    static let maximumMemoryKiB: UInt32 = 1 << 20  // 1 GiB
    static let maximumIterations: UInt32 = 64
    static let maximumParallelism: UInt32 = 64

    /// Parses the string, or returns nil if it is not exactly an Argon2id version 19 PHC string.
    init?(_ encoded: String) {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0].isEmpty, fields[1] == "argon2id", fields[2] == "v=19" else {
            return nil
        }
        let costs = fields[3].split(separator: ",", omittingEmptySubsequences: false)
        guard costs.count == 3,
              let m = Self.value(of: "m", in: costs[0]),
              let t = Self.value(of: "t", in: costs[1]),
              let p = Self.value(of: "p", in: costs[2]),
              let salt = Self.decodedLength(fields[4]),
              let hash = Self.decodedLength(fields[5]),
              salt > 0, hash > 0
        else { return nil }
        memoryKiB = m
        iterations = t
        parallelism = p
        saltLength = salt
        hashLength = hash
    }

    var isWithinVerificationLimits: Bool {
        memoryKiB <= Self.maximumMemoryKiB
            && iterations <= Self.maximumIterations
            && parallelism <= Self.maximumParallelism
    }

    /// The decimal value of `key=digits`, rejecting signs, spaces and overflow.
    private static func value(of key: String, in field: Substring) -> UInt32? {
        guard field.hasPrefix(key + "=") else { return nil }
        let digits = field.dropFirst(key.count + 1)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return UInt32(digits)
    }

    /// The number of bytes an unpadded standard-base64 field decodes to, or nil if it is not one.
    private static func decodedLength(_ field: Substring) -> Int? {
        let isBase64 = field.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
        let count = field.utf8.count
        guard isBase64, count % 4 != 1 else { return nil }
        return count * 3 / 4
    }
}
