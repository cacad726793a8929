import CArgon2

/// Hashes and verifies passwords with Argon2id, storing them as PHC strings
/// (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`).
///
/// The password is hashed as its UTF-8 bytes, without Unicode normalisation.
public struct PasswordHasher: Sendable {
    /// The cost this hasher uses for new hashes and compares old ones against.
    public let parameters: Argon2Parameters

    /// Length of the random salt in bytes (RFC 9106 §3.1 recommends 16).
    static let saltLength = 16
    /// Length of the derived hash in bytes.
    static let hashLength = 32

    /// Creates a hasher with the given cost.
    public init(parameters: Argon2Parameters = .recommended) {
        self.parameters = parameters
    }

    /// Hashes a password with a fresh 16-byte random salt and returns the PHC-encoded result.
    public func hash(_ password: String) throws -> String {
        try hash(password, salt: SecureRandom.bytes(count: Self.saltLength))
    }

    /// Hashes with a caller-chosen salt; internal so that tests can check known answers.
    func hash(_ password: String, salt: [UInt8]) throws -> String {
        let p = parameters
        let encodedLength = argon2_encodedlen(
            p.iterations, p.memoryKiB, p.parallelism,
            UInt32(salt.count), UInt32(Self.hashLength), Argon2_id)  // includes the NUL
        var encoded = [CChar](repeating: 0, count: encodedLength)
        let passwordBytes = Array(password.utf8)
        let code = argon2id_hash_encoded(
            p.iterations, p.memoryKiB, p.parallelism,
            passwordBytes, passwordBytes.count, salt, salt.count,
            Self.hashLength, &encoded, encodedLength)
        guard code == ARGON2_OK.rawValue else {
            throw SecurityError.hashingFailed(code: code, message: String(cString: argon2_error_message(code)))
        }
        return encoded.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Whether `password` matches the PHC-encoded hash; false for any malformed,
    /// non-Argon2id or implausibly expensive `encoded` string.
    public func verify(_ password: String, encoded: String) -> Bool {
        // Parse first: argon2 would otherwise allocate whatever memory the string asks for.
        guard PHCString(encoded)?.isWithinVerificationLimits == true else { return false }
        let passwordBytes = Array(password.utf8)
        return argon2id_verify(encoded, passwordBytes, passwordBytes.count) == ARGON2_OK.rawValue
    }

    /// Whether a stored hash should be replaced (after a successful login) because it is
    /// weaker than this hasher's settings, or is not a well-formed Argon2id v19 string.
    ///
    /// Memory, iterations, salt and hash length are compared. Parallelism is not: more lanes
    /// do not raise an attacker's cost for the same memory and passes.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let phc = PHCString(encoded) else { return true }
        return phc.memoryKiB < parameters.memoryKiB
            || phc.iterations < parameters.iterations
            || phc.saltLength < Self.saltLength
            || phc.hashLength < Self.hashLength
    }
}
