import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP response as the wire carried it.
struct WireResponse {
    let status: Int
    let headers: [(name: String, value: String)]
    let body: [UInt8]

    /// The first value of a header (case-insensitive).
    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// Every value of a header (case-insensitive), e.g. all `Set-Cookie` lines.
    func headers(_ name: String) -> [String] { headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value) }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object; fails the calling test (and returns [:]) when it is not one.
    func json(file: StaticString = #filePath, line: UInt = #line) -> [String: Any] {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else {
            XCTFailHelper.fail("response body is not a JSON object: \(text.prefix(300))", file: file, line: line)
            return [:]
        }
        return object
    }
}

/// A deliberately small HTTP/1.1 client over a raw TCP socket: one request per connection
/// (`Connection: close`), exact bytes out, everything read until the server closes.
/// Keeps cookies and headers fully under the test's control.
enum RawHTTPClient {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func send(port: UInt16, method: String, target: String, headers: [(String, String)] = [], body: [UInt8] = [],
                     timeoutSeconds: Int = 10) throws -> WireResponse {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PATCH" || method == "PUT" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        let raw = try exchange(port: port, bytes: Array(head.utf8) + body, timeoutSeconds: timeoutSeconds)
        return try parse(raw)
    }

    /// Sends bytes, half-closes nothing, reads until EOF (bounded by the receive timeout).
    static func exchange(port: UInt16, bytes: [UInt8], timeoutSeconds: Int) throws -> [UInt8] {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)") }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send failed after \(sent) bytes: errno \(errno)") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                // A reset after the full response (server closed with unread request bytes) still leaves a usable answer.
                if errno == ECONNRESET, !received.isEmpty { break }
                throw Failure(description: "recv failed (errno \(errno)) after \(received.count) bytes")
            }
            received.append(contentsOf: buffer[0..<n])
        }
        return received
    }

    static func parse(_ raw: [UInt8]) throws -> WireResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...max(0, raw.count - 4)).first(where: { raw.count >= 4 && Array(raw[$0..<$0 + 4]) == separator }) else {
            throw Failure(description: "no complete response head in \(raw.count) bytes: \(String(decoding: raw.prefix(200), as: UTF8.self))")
        }
        let lines = String(decoding: raw[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(raw[(end + 4)...])
        if let length = headers.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }), body.count > length {
            body = Array(body.prefix(length))
        }
        return WireResponse(status: status, headers: headers.map { (name: $0.0, value: $0.1) }, body: body)
    }
}
