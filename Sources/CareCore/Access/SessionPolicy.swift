import Foundation

/// When a login session ends: after `idleTimeout` without a request, or `absoluteLifetime` after login,
/// whichever comes first (ASVS 5.0 V7.3; HIPAA 164.312(a)(2)(iii) automatic logoff).
public struct SessionPolicy: Sendable, Equatable {
    public var idleTimeout: TimeInterval
    public var absoluteLifetime: TimeInterval

    public static let standard = SessionPolicy(idleTimeout: 15 * 60, absoluteLifetime: 12 * 60 * 60)

    public init(idleTimeout: TimeInterval, absoluteLifetime: TimeInterval) {
        self.idleTimeout = idleTimeout
        self.absoluteLifetime = absoluteLifetime
    }

    /// Whether a session created at `created` and last used at `lastSeen` is still valid at `now`.
    public func isValid(created: Date, lastSeen: Date, now: Date) -> Bool {
        now.timeIntervalSince(lastSeen) < idleTimeout && now.timeIntervalSince(created) < absoluteLifetime
    }
}

/// Login throttling: too many failed attempts for one account, or from one address, within `window`
/// lock further attempts until the window has passed since the latest failure (ASVS 5.0 V6.3.1).
public struct LoginThrottle: Sendable, Equatable {
    public var window: TimeInterval
    public var maxFailuresPerAccount: Int
    public var maxFailuresPerAddress: Int

    public static let standard = LoginThrottle(window: 15 * 60, maxFailuresPerAccount: 5, maxFailuresPerAddress: 20)

    public init(window: TimeInterval, maxFailuresPerAccount: Int, maxFailuresPerAddress: Int) {
        self.window = window
        self.maxFailuresPerAccount = maxFailuresPerAccount
        self.maxFailuresPerAddress = maxFailuresPerAddress
    }

    /// Whether a new attempt is refused, given the failures counted within the window before `now`.
    public func isLocked(accountFailures: Int, addressFailures: Int) -> Bool {
        accountFailures >= maxFailuresPerAccount || addressFailures >= maxFailuresPerAddress
    }
}
