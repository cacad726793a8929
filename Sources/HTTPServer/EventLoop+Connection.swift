import CLinux
import Glibc

/// What the loop does with one connection: read, parse, dispatch, write, close.
extension EventLoop {
    func handle(_ events: UInt32, serial: UInt64) {
        guard let connection = connections[serial] else { return }
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            closeConnection(connection)
            return
        }
        if events & Self.writable != 0 && connection.state == .writing {
            flush(connection)
        }
        if events & Self.readable != 0 {
            switch connection.state {
            case .reading: readInput(connection)
            case .draining: drain(connection)
            // One request at a time: leave further input in the socket until the response is out.
            case .processing: setInterest(connection, 0)
            case .writing: setInterest(connection, Self.writable)
            }
        }
    }

    private func readInput(_ connection: Connection) {
        let count = readBuffer.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, $0.count) }
        if count == 0 {
            closeConnection(connection)
            return
        }
        if count < 0 {
            if errno != EAGAIN && errno != EINTR { closeConnection(connection) }
            return
        }
        connection.input.append(contentsOf: readBuffer[0..<count])
        processInput(connection)
    }

    /// Parses buffered input: dispatches a complete request, answers a refused one, or waits.
    func processInput(_ connection: Connection) {
        guard connection.state == .reading else { return }
        switch connection.parser.parse(connection.input, from: connection.readIndex) {
        case .needMore(let consumed):
            connection.consume(consumed)
            if connection.parser.wantsContinue {
                connection.parser.acknowledgeContinue()
                connection.queueOutput(head: ResponseHead.continueResponse, body: [], close: false)
                flush(connection)
                return
            }
            let kind: Connection.Deadline =
                connection.parser.isReadingBody ? .body : connection.hasUnconsumedInput ? .head : .idle
            if connection.deadlineKind != kind { arm(connection, kind) }
        case .complete(let parsed, let consumed):
            connection.consume(consumed)
            dispatch(parsed, on: connection)
        case .failure(let error):
            respondWithError(connection, status: error.status, message: error.message)
        }
    }

    private func dispatch(_ parsed: ParsedRequest, on connection: Connection) {
        connection.state = .processing
        arm(connection, .none)
        inFlight += 1
        let request = HTTPRequest(
            method: parsed.method, target: parsed.target, headers: parsed.headers, body: parsed.body,
            remoteAddress: connection.remoteAddress)
        let context = ResponseHead.Context(
            isHead: parsed.method == "HEAD", keepAlive: parsed.keepAlive, minorVersion: parsed.minorVersion)
        let serial = connection.serial
        let handler = self.handler
        let mailbox = self.mailbox
        pool.submit {
            let response = handler(request)
            mailbox.post(Completion(serial: serial, response: response, context: context))
        }
    }

    /// Turns finished handlers' responses into bytes on their connections.
    func deliverCompletions() {
        for completion in mailbox.takeCompletions() {
            inFlight -= 1
            guard let connection = connections[completion.serial], connection.state == .processing else { continue }
            let (head, sendBody, close) = ResponseHead.make(
                completion.response, context: completion.context, forceClose: stopping, date: dateCache.current())
            connection.queueOutput(head: head, body: sendBody ? completion.response.body : [], close: close)
            flush(connection)
        }
    }

    func respondWithError(_ connection: Connection, status: Int, message: String) {
        connection.input = []
        connection.readIndex = 0
        let bytes = ResponseHead.error(status, message: message, date: dateCache.current())
        connection.queueOutput(head: bytes, body: [], close: true)
        flush(connection)
    }

    /// Writes queued output; on EAGAIN waits for EPOLLOUT. When all is out, closes or reads on.
    private func flush(_ connection: Connection) {
        while connection.pendingOutput > 0 {
            let sent = sendPending(connection)
            if sent < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN:
                    setInterest(connection, Self.writable)
                    if connection.deadlineKind != .write { arm(connection, .write) }
                    return
                default:
                    closeConnection(connection)
                    return
                }
            }
            connection.written += sent
            if connection.deadlineKind == .write { arm(connection, .write) }  // progress resets the clock
        }
        connection.clearOutput()
        if connection.closeAfterWrite {
            finish(connection)
            return
        }
        connection.state = .reading
        setInterest(connection, Self.readable)
        processInput(connection)
    }

    /// Sends what remains of head and body in one `sendmsg`.
    private func sendPending(_ connection: Connection) -> Int {
        let headCount = connection.outputHead.count
        let written = connection.written
        return connection.outputHead.withUnsafeBytes { head in
            connection.outputBody.withUnsafeBytes { body in
                var vectors = (iovec(), iovec())
                var used = 0
                withUnsafeMutableBytes(of: &vectors) { raw in
                    let iov = raw.bindMemory(to: iovec.self)
                    if written < headCount, let base = head.baseAddress {
                        iov[used] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base + written), iov_len: headCount - written)
                        used += 1
                    }
                    let bodyOffset = max(0, written - headCount)
                    if bodyOffset < body.count, let base = body.baseAddress {
                        iov[used] = iovec(iov_base: UnsafeMutableRawPointer(mutating: base + bodyOffset), iov_len: body.count - bodyOffset)
                        used += 1
                    }
                }
                return withUnsafeMutableBytes(of: &vectors) { raw in
                    var message = msghdr()
                    message.msg_iov = raw.baseAddress?.assumingMemoryBound(to: iovec.self)
                    message.msg_iovlen = used
                    return sendmsg(connection.fd, &message, Int32(MSG_NOSIGNAL))
                }
            }
        }
    }

    /// After the last response: half-close, then drain input briefly so the peer reads the
    /// response instead of a reset.
    private func finish(_ connection: Connection) {
        shutdown(connection.fd, Int32(SHUT_WR))
        if stopping {
            closeConnection(connection)
            return
        }
        connection.state = .draining
        connection.input = []
        connection.readIndex = 0
        setInterest(connection, Self.readable)
        arm(connection, .drain)
    }

    private func drain(_ connection: Connection) {
        let count = readBuffer.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, $0.count) }
        if count == 0 || (count < 0 && errno != EAGAIN && errno != EINTR) {
            closeConnection(connection)
        }
    }
}
