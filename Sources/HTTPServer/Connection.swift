/// One client connection's state. Owned and touched only by the event-loop thread.
final class Connection {
    enum State {
        /// Waiting for (more of) a request.
        case reading
        /// A request is with a handler on the worker pool.
        case processing
        /// Output is queued and not yet all written.
        case writing
        /// The final response is out and our side is shut; reading and discarding until the
        /// peer closes, so unread input does not turn our close into a reset that loses the response.
        case draining
    }

    /// Which deadline is armed.
    enum Deadline {
        case none, idle, head, body, write, drain
    }

    let fd: Int32
    /// Distinguishes this connection from a later one that reuses the same descriptor.
    let serial: UInt64
    let remoteAddress: String

    var state = State.reading
    var parser: RequestParser

    /// Received bytes; those before `readIndex` are consumed.
    var input: [UInt8] = []
    var readIndex = 0

    /// Bytes to send: `outputHead` then `outputBody`, `written` of them already sent.
    var outputHead: [UInt8] = []
    var outputBody: [UInt8] = []
    var written = 0
    var closeAfterWrite = false

    var deadlineKind = Deadline.none
    var deadline: UInt64 = 0
    /// The epoll events currently registered.
    var registeredEvents: UInt32

    init(fd: Int32, serial: UInt64, remoteAddress: String, limits: RequestParser.Limits, events: UInt32) {
        self.fd = fd
        self.serial = serial
        self.remoteAddress = remoteAddress
        self.parser = RequestParser(limits: limits)
        self.registeredEvents = events
        input.reserveCapacity(4096)
    }

    var hasUnconsumedInput: Bool { readIndex < input.count }
    var pendingOutput: Int { outputHead.count + outputBody.count - written }

    /// Drops consumed input, without shifting bytes on every request.
    func consume(_ count: Int) {
        readIndex += count
        if readIndex == input.count {
            if input.capacity > 64 * 1024 {
                input = []
                input.reserveCapacity(4096)
            } else {
                input.removeAll(keepingCapacity: true)
            }
            readIndex = 0
        } else if readIndex >= 16 * 1024 && readIndex * 2 >= input.count {
            input.removeSubrange(0..<readIndex)
            readIndex = 0
        }
    }

    func queueOutput(head: [UInt8], body: [UInt8], close: Bool) {
        outputHead = head
        outputBody = body
        written = 0
        closeAfterWrite = close
        state = .writing
    }

    func clearOutput() {
        outputHead = []
        outputBody = []
        written = 0
    }
}
