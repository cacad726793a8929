import CLinux
import Glibc
import Synchronization

/// A finished handler's response, on its way back to the event loop.
struct Completion: Sendable {
    var serial: UInt64
    var response: HTTPResponse
    var context: ResponseHead.Context
}

/// What other threads share with the event loop: finished responses, the shutdown request,
/// and the eventfd that wakes `epoll_wait`.
final class LoopMailbox: Sendable {
    let wakeFD: Int32
    private let completions = Mutex<[Completion]>([])
    private let shutdownRequested = Atomic<Bool>(false)

    init() throws(HTTPServerError) {
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw .systemCall("eventfd", errno: errno) }
    }

    // Closed only here, when no thread can still post, so a late wake never hits a reused fd.
    deinit { close(wakeFD) }

    /// Called by workers: hands back a response and wakes the loop.
    func post(_ completion: Completion) {
        completions.withLock { $0.append(completion) }
        wake()
    }

    /// Takes every posted completion, oldest first.
    func takeCompletions() -> [Completion] {
        completions.withLock { pending in
            var taken: [Completion] = []
            swap(&taken, &pending)
            return taken
        }
    }

    func requestShutdown() {
        shutdownRequested.store(true, ordering: .sequentiallyConsistent)
        wake()
    }

    var isShutdownRequested: Bool { shutdownRequested.load(ordering: .sequentiallyConsistent) }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    /// Clears the eventfd counter after a wake-up.
    func drainWakeups() {
        var value: UInt64 = 0
        _ = read(wakeFD, &value, 8)
    }
}
