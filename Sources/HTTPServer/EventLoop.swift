import CLinux
import Glibc

/// The single thread that owns every socket: accepts, reads, parses, hands complete requests
/// to the worker pool, writes responses, and enforces deadlines. It never blocks on a handler.
///
/// `@unchecked Sendable` only so it can be handed to its thread: after `run()` starts, nothing
/// but that thread touches it. Other threads talk to it through `LoopMailbox`.
final class EventLoop: @unchecked Sendable {
    static let listenerTag: UInt64 = 0
    static let wakeTag: UInt64 = 1
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue

    let configuration: HTTPServerConfiguration
    let limits: RequestParser.Limits
    let handler: HTTPHandler
    let mailbox: LoopMailbox
    let epollFD: Int32
    private(set) var listenFD: Int32
    let pool: WorkerPool

    var connections: [UInt64: Connection] = [:]
    private var nextSerial: UInt64 = 2
    var inFlight = 0
    var stopping = false
    var dateCache = HTTPDateCache()
    var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    private let sweepInterval: UInt64
    private var nextSweep: UInt64 = 0
    private var acceptPaused = false

    init(configuration: HTTPServerConfiguration, handler: @escaping HTTPHandler, listenFD: Int32, mailbox: LoopMailbox) throws(HTTPServerError) {
        self.configuration = configuration
        self.limits = RequestParser.Limits(
            requestLineBytes: configuration.maxRequestLineBytes, headerBytes: configuration.maxHeaderBytes,
            bodyBytes: configuration.maxBodyBytes, largerBodies: configuration.largerBodyPaths)
        self.handler = handler
        self.listenFD = listenFD
        self.mailbox = mailbox
        // Deadlines are checked by a periodic sweep, fine enough for the shortest time-out.
        let shortest = min(configuration.headerTimeout, configuration.bodyTimeout, configuration.idleTimeout)
        self.sweepInterval = nanoseconds(min(max(shortest / 8, 0.005), 0.25))
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw .systemCall("epoll_create1", errno: errno) }
        for (fd, tag) in [(listenFD, Self.listenerTag), (mailbox.wakeFD, Self.wakeTag)] {
            var event = epoll_event()
            event.events = Self.readable
            event.data.u64 = tag
            guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
                let code = errno
                close(epollFD)
                throw .systemCall("epoll_ctl", errno: code)
            }
        }
        pool = WorkerPool(threads: configuration.workerThreads)
    }

    /// Serves until shutdown is requested and every in-flight response has been written.
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        nextSweep = monotonicNanoseconds() + sweepInterval
        while !(stopping && connections.isEmpty && inFlight == 0) {
            let now = monotonicNanoseconds()
            let timeout = Int32(clamping: nextSweep > now ? (nextSweep - now + 999_999) / 1_000_000 : 0)
            let count = events.withUnsafeMutableBufferPointer {
                epoll_wait(epollFD, $0.baseAddress, Int32($0.count), timeout)
            }
            if count < 0 && errno != EINTR { break }
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                switch event.data.u64 {
                case Self.listenerTag: acceptConnections()
                case Self.wakeTag:
                    mailbox.drainWakeups()
                    deliverCompletions()
                    if mailbox.isShutdownRequested && !stopping { beginStopping() }
                default: handle(event.events, serial: event.data.u64)
                }
            }
            let after = monotonicNanoseconds()
            if after >= nextSweep {
                sweep(after)
                nextSweep = after + sweepInterval
            }
        }
        for connection in Array(connections.values) { closeConnection(connection) }
        if listenFD >= 0 { close(listenFD) }
        pool.stop()
        close(epollFD)
    }

    // MARK: Accepting

    private func acceptConnections() {
        while listenFD >= 0 {
            let fd = accept4(listenFD, nil, nil, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED, EPROTO: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: stop listening until the next sweep instead of spinning.
                    pauseAccepting(true)
                    return
                default: return
                }
            }
            guard connections.count < configuration.maxConnections else {
                let refusal = ResponseHead.error(503, message: "too many connections", date: dateCache.current())
                _ = refusal.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                close(fd)
                continue
            }
            setNoDelay(fd)
            let serial = nextSerial
            nextSerial += 1
            var event = epoll_event()
            event.events = Self.readable
            event.data.u64 = serial
            guard epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event) == 0 else {
                close(fd)
                continue
            }
            let connection = Connection(
                fd: fd, serial: serial, remoteAddress: peerAddress(of: fd), limits: limits, events: Self.readable)
            connections[serial] = connection
            arm(connection, .idle)
        }
    }

    private func pauseAccepting(_ pause: Bool) {
        guard listenFD >= 0, pause != acceptPaused else { return }
        acceptPaused = pause
        var event = epoll_event()
        event.events = pause ? 0 : Self.readable
        event.data.u64 = Self.listenerTag
        epoll_ctl(epollFD, EPOLL_CTL_MOD, listenFD, &event)
    }

    // MARK: Shutdown and deadlines

    /// Stops accepting and closes every connection that has no request in flight; the rest close
    /// once their response is written.
    private func beginStopping() {
        stopping = true
        if listenFD >= 0 {
            close(listenFD)
            listenFD = -1
        }
        for connection in Array(connections.values) {
            switch connection.state {
            case .reading, .draining: closeConnection(connection)
            case .writing: connection.closeAfterWrite = true
            case .processing: break
            }
        }
    }

    private func sweep(_ now: UInt64) {
        pauseAccepting(false)
        for connection in Array(connections.values) where connection.deadlineKind != .none && now >= connection.deadline {
            switch connection.deadlineKind {
            case .head, .body:
                respondWithError(connection, status: 408, message: "request timed out")
            case .idle, .write, .drain, .none:
                closeConnection(connection)
            }
        }
    }

    func arm(_ connection: Connection, _ kind: Connection.Deadline) {
        connection.deadlineKind = kind
        let seconds: Double =
            switch kind {
            case .none: 0
            case .idle: configuration.idleTimeout
            case .head: configuration.headerTimeout
            case .body, .write: configuration.bodyTimeout
            case .drain: 1
            }
        connection.deadline = kind == .none ? 0 : monotonicNanoseconds() + nanoseconds(seconds)
    }

    func setInterest(_ connection: Connection, _ events: UInt32) {
        guard connection.registeredEvents != events else { return }
        var event = epoll_event()
        event.events = events
        event.data.u64 = connection.serial
        epoll_ctl(epollFD, EPOLL_CTL_MOD, connection.fd, &event)
        connection.registeredEvents = events
    }

    func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.serial) != nil else { return }
        close(connection.fd)
    }
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

func nanoseconds(_ seconds: Double) -> UInt64 {
    seconds <= 0 ? 0 : UInt64(min(seconds, 1e9) * 1e9)
}
