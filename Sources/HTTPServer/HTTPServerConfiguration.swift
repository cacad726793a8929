/// Where to listen, how many workers, and the limits and deadlines applied to every connection.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal.
    public var host: String = "127.0.0.1"
    /// The port to bind; 0 picks a free one (returned by `start()`).
    public var port: UInt16 = 8080
    /// Threads that run handlers.
    public var workerThreads: Int = 4
    /// Longest request line (method, target, version) in bytes; longer gets 414 and a close.
    public var maxRequestLineBytes = 8 * 1024
    /// Largest header block (after the request line) in bytes; larger gets 431 and a close.
    public var maxHeaderBytes = 32 * 1024
    /// Largest body (Content-Length or de-chunked total); larger gets 413 and a close.
    public var maxBodyBytes = 1 << 20
    /// Paths that may carry a larger body than `maxBodyBytes` (e.g. an upload form), with their own limit;
    /// every other path keeps `maxBodyBytes`, so anonymous routes cannot be fed huge bodies.
    public var largerBodyPaths: [String: Int] = [:]
    /// Seconds to receive a whole head once its first byte arrived; slower gets 408 and a close.
    public var headerTimeout: Double = 10
    /// Seconds to receive the whole body once the head is in; slower gets 408 and a close.
    /// Also bounds how long a response may sit unread by the client.
    public var bodyTimeout: Double = 30
    /// Seconds a connection may wait for its next request before it is closed silently.
    public var idleTimeout: Double = 60
    /// Open connections beyond this are answered 503 and closed at once.
    public var maxConnections = 1024

    /// Creates the defaults above.
    public init() {}
}
