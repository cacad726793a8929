import CCrypto

/// Whether two byte arrays are equal, taking the same time wherever they first differ
/// (CRYPTO_memcmp). Arrays of different lengths are unequal; the length is not secret.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { left in
        b.withUnsafeBytes { right in
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, a.count) == 0
        }
    }
}
