import CLinux
import Glibc

/// The text of an errno value.
func errorString(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// A parsed listen address, IPv4 or IPv6.
enum SocketAddress {
    case v4(sockaddr_in)
    case v6(sockaddr_in6)

    init(host: String, port: UInt16) throws(HTTPServerError) {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            self = .v4(v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            self = .v6(v6)
            return
        }
        throw .invalidAddress(host)
    }

    var family: Int32 {
        switch self {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    func withSockaddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        switch self {
        case .v4(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }
}

/// Opens a non-blocking listening socket on host:port; returns it and the port actually bound.
func openListeningSocket(host: String, port: UInt16, backlog: Int32) throws(HTTPServerError) -> (fd: Int32, port: UInt16) {
    let address = try SocketAddress(host: host, port: port)
    let fd = socket(address.family, Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw .systemCall("socket", errno: errno) }
    var one: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    let bound = address.withSockaddr { bind(fd, $0, $1) }
    guard bound == 0 else {
        let code = errno
        close(fd)
        if code == EADDRINUSE { throw .addressInUse(host: host, port: port) }
        throw .systemCall("bind \(formatHostPort(host, port))", errno: code)
    }
    guard listen(fd, backlog) == 0 else {
        let code = errno
        close(fd)
        throw .systemCall("listen", errno: code)
    }
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let named = withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else {
        let code = errno
        close(fd)
        throw .systemCall("getsockname", errno: code)
    }
    return (fd, portOf(storage))
}

private func portOf(_ storage: sockaddr_storage) -> UInt16 {
    var storage = storage
    let family = storage.ss_family
    return withUnsafePointer(to: &storage) { pointer in
        if family == sa_family_t(AF_INET6) {
            pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
        } else {
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }
}

/// The peer IP of a connected socket as text, e.g. "127.0.0.1" or "::1"; "" if unknown.
func peerAddress(of fd: Int32) -> String {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let ok = withUnsafeMutablePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
    }
    guard ok == 0 else { return "" }
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    let family = Int32(storage.ss_family)
    let converted: UnsafePointer<CChar>? = withUnsafePointer(to: &storage) { pointer in
        if family == AF_INET6 {
            pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                withUnsafePointer(to: address.pointee.sin6_addr) { inet_ntop(AF_INET6, $0, &text, socklen_t(text.count)) }
            }
        } else {
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                withUnsafePointer(to: address.pointee.sin_addr) { inet_ntop(AF_INET, $0, &text, socklen_t(text.count)) }
            }
        }
    }
    guard converted != nil else { return "" }
    var address = text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    // An IPv4 peer of a dual-stack socket appears as ::ffff:a.b.c.d; report the IPv4 form.
    if address.hasPrefix("::ffff:") && address.contains(".") { address.removeFirst(7) }
    return address
}

/// Disables Nagle's algorithm so small responses leave at once.
func setNoDelay(_ fd: Int32) {
    var one: Int32 = 1
    setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
}
