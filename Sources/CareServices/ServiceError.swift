import CareCore

/// Why a use case refused or failed, in words that can be shown to the user who asked.
/// The web layer maps each case to one HTTP status.
public enum ServiceError: Error, Sendable, Equatable {
    /// Not logged in, or the session or token is no longer valid (401).
    case unauthenticated
    /// Wrong username or password (401); deliberately does not say which.
    case invalidCredentials
    /// Too many failed logins for this account or address (429).
    case throttled
    /// The role may not use this feature at all (403). Never used for a patient out of scope.
    case forbidden(String)
    /// The thing does not exist, or does not exist for this user (404).
    case notFound(String)
    /// Input broke a rule (422), field by field.
    case invalid(ValidationFailure)
    /// The input conflicts with stored data, e.g. an identifier already used (409).
    case conflict(field: String, message: String)
}
