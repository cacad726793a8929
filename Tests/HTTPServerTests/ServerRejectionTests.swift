import XCTest
@testable import HTTPServer

/// Every refusal over a real socket: the status line, a short text body, and a closed connection.
final class ServerRejectionTests: ServerTestCase {
    private func assertRefused(
        _ raw: String, port: UInt16, status: Int, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let client = try RawClient(port: port)
        client.send(raw)
        let response = try client.readResponse()
        XCTAssertEqual(response.status, status, raw.debugDescription, file: file, line: line)
        XCTAssertEqual(response.headers["Connection"], "close", file: file, line: line)
        XCTAssertEqual(response.headers["Content-Type"], "text/plain; charset=utf-8", file: file, line: line)
        XCTAssertFalse(response.body.isEmpty, file: file, line: line)
        XCTAssertTrue(client.serverClosesWithoutMoreData(), "server must close after \(raw.debugDescription)", file: file, line: line)
    }

    func testAmbiguousFramingIsRefusedAndClosed() throws {
        let (_, port) = try startServer()
        let cases: [(String, Int)] = [
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 5\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3x\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: -3\r\n\r\nabc", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n", 400),
            ("GET /\0 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: \u{1}\r\n\r\n", 400),
            ("GET / HTTP/1.1\nHost: h\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost : h\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n  folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
            ("G@T / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("GET /\r\nHost: h\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: h\r\n\r\n", 505),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", 400),
            ("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n", 400),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
        ]
        for (raw, status) in cases { try assertRefused(raw, port: port, status: status) }
    }

    func testRefusalAfterAGoodRequestStillClosesTheConnection() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        // The smuggling classic: a valid request followed on the same connection by a bad one.
        client.send("GET /ok HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nX")
        XCTAssertEqual(try client.readResponse().text, "GET /ok ")
        XCTAssertEqual(try client.readResponse().status, 400)
        XCTAssertTrue(client.serverClosesWithoutMoreData())
    }

    func testRequestLineLimit() throws {
        let (_, port) = try startServer { $0.maxRequestLineBytes = 100 }
        let target = "/" + String(repeating: "a", count: 100 - "GET / HTTP/1.1".utf8.count)
        let client = try RawClient(port: port)
        client.send("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200, "exactly at the limit is accepted")
        try assertRefused("GET \(target)a HTTP/1.1\r\nHost: h\r\n\r\n", port: port, status: 414)
    }

    func testHeaderBlockLimit() throws {
        let (_, port) = try startServer { $0.maxHeaderBytes = 200 }
        let fixed = "Host: h\r\nX: \r\n\r\n".utf8.count
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "v", count: 200 - fixed))\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200, "exactly at the limit is accepted")
        try assertRefused("GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "v", count: 201 - fixed))\r\n\r\n", port: port, status: 431)
    }

    func testBodyLimitForContentLengthAndChunked() throws {
        let (_, port) = try startServer { $0.maxBodyBytes = 1000 }
        let client = try RawClient(port: port)
        client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "b", count: 1000))
        XCTAssertEqual(try client.readResponse().body.count, 1000, "exactly at the limit is accepted")
        try assertRefused("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n" + String(repeating: "b", count: 1001), port: port, status: 413)
        let chunk = String(repeating: "c", count: 600)
        try assertRefused(
            "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n",
            port: port, status: 413)
    }

    func testOnlyListedPathsMayCarryALargerBody() throws {
        let (_, port) = try startServer {
            $0.maxBodyBytes = 1000
            $0.largerBodyPaths = ["/upload": 3000]
        }
        let big = String(repeating: "u", count: 2500)
        let client = try RawClient(port: port)
        client.send("POST /upload?kind=bundle HTTP/1.1\r\nHost: h\r\nContent-Length: 2500\r\n\r\n" + big)
        XCTAssertEqual(try client.readResponse().status, 200, "the listed path takes its own limit")
        let chunk = String(repeating: "c", count: 1200)
        let chunked = try RawClient(port: port)
        chunked.send("POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4b0\r\n\(chunk)\r\n4b0\r\n\(chunk)\r\n0\r\n\r\n")
        XCTAssertEqual(try chunked.readResponse().status, 200, "chunked bodies too")
        try assertRefused("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 3001\r\n\r\n" + String(repeating: "u", count: 3001), port: port, status: 413)
        try assertRefused("POST /login HTTP/1.1\r\nHost: h\r\nContent-Length: 2500\r\n\r\n" + big, port: port, status: 413)
        try assertRefused("POST /upload/x HTTP/1.1\r\nHost: h\r\nContent-Length: 2500\r\n\r\n" + big, port: port, status: 413)
    }

    func testConnectionsBeyondTheLimitAreRefused() throws {
        let (_, port) = try startServer { $0.maxConnections = 1 }
        let first = try RawClient(port: port)
        first.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try first.readResponse().status, 200)
        let second = try RawClient(port: port)
        XCTAssertEqual(try second.readResponse().status, 503)
        XCTAssertTrue(second.serverClosesWithoutMoreData())
        first.send("GET /still HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try first.readResponse().text, "GET /still ")
    }
}
