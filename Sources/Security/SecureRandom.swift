import CCrypto

/// Cryptographically secure random bytes and tokens from OpenSSL's RAND_bytes.
public enum SecureRandom {
    /// `count` random bytes. Stops the process if the system's random source fails,
    /// since continuing without randomness would be unsafe.
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0 && count <= Int(Int32.max), "SecureRandom.bytes: count out of range")
        var buffer = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return buffer }
        precondition(RAND_bytes(&buffer, Int32(count)) == 1, "RAND_bytes failed")
        return buffer
    }

    /// A random token of `byteCount` bytes, base64url-encoded without padding
    /// (43 characters for the default 32 bytes); safe in URLs, cookies and file names.
    public static func token(byteCount: Int = 32) -> String {
        Base64URL.encode(bytes(count: byteCount))
    }
}
