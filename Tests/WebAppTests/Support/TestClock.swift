import CareServices
import Foundation
import Synchronization

/// A clock the test moves by hand; the services read it through `clock`.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = Mutex(start) }

    var clock: Clock { Clock { [self] in self.now } }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }
}
