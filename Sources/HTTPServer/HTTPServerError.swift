/// Why the server could not start.
public enum HTTPServerError: Error, CustomStringConvertible, Equatable {
    /// The host is not an IPv4 or IPv6 literal.
    case invalidAddress(String)
    /// Another socket already holds host:port.
    case addressInUse(host: String, port: UInt16)
    /// A system call failed; `errno` as reported.
    case systemCall(String, errno: Int32)
    /// `start()` was called twice, or after `shutdown()`.
    case alreadyStarted

    /// A sentence for logs and operators.
    public var description: String {
        switch self {
        case .invalidAddress(let host): "invalid listen address \(host): expected an IPv4 or IPv6 literal"
        case .addressInUse(let host, let port): "address \(formatHostPort(host, port)) already in use"
        case .systemCall(let call, let code): "\(call) failed: \(errorString(code)) (errno \(code))"
        case .alreadyStarted: "the server was already started or shut down"
        }
    }
}

func formatHostPort(_ host: String, _ port: UInt16) -> String {
    host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
}
