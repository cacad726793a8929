import Foundation

/// Where use cases get "now"; tests pass a clock they move by hand.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The system's wall clock.
    public static let system = Clock { Date() }

    public func now() -> Date { read() }
}
