import Glibc
import XCTest
@testable import HTTPServer

/// A response as the test client read it off the wire.
struct WireResponse {
    var statusLine: String
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking loopback client that sends raw bytes, so tests control every byte on the wire.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: UInt16, receiveTimeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: Int((receiveTimeout.truncatingRemainder(dividingBy: 1)) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = INADDR_LOOPBACK.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw ClientError(description: "connect failed: errno \(errno)")
        }
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads one response; `bodyless` for answers to HEAD. Throws on time-out or early close.
    func readResponse(bodyless: Bool = false) throws -> WireResponse {
        while true {
            if let response = try parseBuffered(bodyless: bodyless) { return response }
            guard receiveMore() > 0 else {
                throw ClientError(description: "connection ended before a full response; have \(String(decoding: buffer, as: UTF8.self).debugDescription)")
            }
        }
    }

    /// True if the server closes the connection (EOF or reset) before the receive time-out,
    /// with no further response bytes.
    func serverClosesWithoutMoreData() -> Bool {
        guard buffer.isEmpty else { return false }
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, 0)
        if count == 0 { return true }
        return count < 0 && errno == ECONNRESET
    }

    /// Bytes received but not yet parsed into a response.
    var leftover: [UInt8] { buffer }

    private func receiveMore() -> Int {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count > 0 { buffer += chunk[0..<count] }
        return count
    }

    private func parseBuffered(bodyless: Bool) throws -> WireResponse? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard let headEnd = (0..<max(0, buffer.count - 3)).first(where: { Array(buffer[$0..<($0 + 4)]) == terminator }) else {
            return nil
        }
        let lines = String(decoding: buffer[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0]
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw ClientError(description: "bad status line \(statusLine.debugDescription)")
        }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw ClientError(description: "bad header line \(line)") }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = bodyless ? 0 : Int(headers["Content-Length"] ?? "0") ?? 0
        let bodyStart = headEnd + 4
        guard buffer.count >= bodyStart + length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeFirst(bodyStart + length)
        return WireResponse(statusLine: statusLine, status: status, headers: headers, body: body)
    }
}
