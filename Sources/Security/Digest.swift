import CCrypto

/// SHA-256 digests and HMAC-SHA256 message authentication codes (OpenSSL one-shot functions).
public enum Digest {
    /// The 32-byte SHA-256 digest of `bytes`.
    public static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            _ = SHA256(input.baseAddress, input.count, &digest)
        }
        return digest
    }

    /// The 32-byte SHA-256 digest of the UTF-8 bytes of `string`.
    public static func sha256(_ string: String) -> [UInt8] {
        sha256(Array(string.utf8))
    }

    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        Hex.encode(sha256(bytes))
    }

    /// The 32-byte HMAC-SHA256 of `message` under `key` (RFC 2104; any key length).
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var mac = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // OpenSSL reads a NULL key as "reuse the previous key", so an empty key is passed
        // as a pointer to one unused byte with length 0.
        let keyBytes = key.isEmpty ? [0] : key
        let result = keyBytes.withUnsafeBufferPointer { keyBuffer in
            message.withUnsafeBufferPointer { messageBuffer in
                HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(key.count),
                     messageBuffer.baseAddress, messageBuffer.count, &mac, &length)
            }
        }
        // Fails only if libcrypto cannot allocate or lacks SHA-256; no input reaches that.
        precondition(result != nil && length == 32, "HMAC-SHA256 failed in libcrypto")
        return Array(mac.prefix(Int(length)))
    }
}
