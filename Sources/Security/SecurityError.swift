/// What can go wrong in the Security module.
public enum SecurityError: Error, Sendable, Equatable {
    /// argon2 refused to hash; carries argon2's own error code and message
    /// (for example "Memory cost is too small" when the parameters are below its minimums).
    case hashingFailed(code: Int32, message: String)
}
