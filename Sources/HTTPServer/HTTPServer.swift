import Foundation
import Synchronization

/// A strict HTTP/1.1 server: one epoll event-loop thread for all sockets, a fixed pool of
/// worker threads for handlers, limits and deadlines on every connection.
///
/// Call `shutdown()` before letting go of a started server (its threads keep running
/// otherwise), and never from inside a handler: shutdown waits for handlers to return.
public final class HTTPServer: Sendable {
    private enum Lifecycle {
        case idle
        case running(LoopMailbox, Latch)
        case stopped
    }

    private let configuration: HTTPServerConfiguration
    private let handler: HTTPHandler
    private let lifecycle = Mutex<Lifecycle>(.idle)

    /// Creates a server; nothing is bound until `start()`.
    public init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler) {
        self.configuration = configuration
        self.handler = handler
    }

    /// Binds and listens, starts the event-loop thread and the worker pool; returns the bound port.
    @discardableResult
    public func start() throws -> UInt16 {
        try lifecycle.withLock { state throws(HTTPServerError) -> UInt16 in
            guard case .idle = state else { throw .alreadyStarted }
            let (listenFD, port) = try openListeningSocket(
                host: configuration.host, port: configuration.port, backlog: SOMAXCONN)
            let mailbox: LoopMailbox
            let loop: EventLoop
            do throws(HTTPServerError) {
                mailbox = try LoopMailbox()
                loop = try EventLoop(configuration: configuration, handler: handler, listenFD: listenFD, mailbox: mailbox)
            } catch {
                close(listenFD)
                throw error
            }
            let finished = Latch()
            let thread = Thread {
                loop.run()
                finished.open()
            }
            thread.name = "http-event-loop"
            thread.start()
            state = .running(mailbox, finished)
            return port
        }
    }

    /// Stops accepting, lets in-flight requests finish and their responses be written, closes
    /// everything, and returns when done. Safe to call from any thread, any number of times.
    public func shutdown() {
        let running: (LoopMailbox, Latch)? = lifecycle.withLock { state in
            switch state {
            case .idle:
                state = .stopped
                return nil
            case .running(let mailbox, let finished):
                return (mailbox, finished)
            case .stopped:
                return nil
            }
        }
        guard let (mailbox, finished) = running else { return }
        mailbox.requestShutdown()
        finished.wait()
        lifecycle.withLock { $0 = .stopped }
    }
}

/// A one-shot gate: `wait()` blocks until `open()` has been called, then never again.
final class Latch: @unchecked Sendable {
    // `isOpen` is guarded by `condition`.
    private let condition = NSCondition()
    private var isOpen = false

    func open() {
        condition.lock()
        isOpen = true
        condition.broadcast()
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
}
