import Foundation
import Synchronization
import XCTest
@testable import HTTPServer

/// Connection handling over real sockets: keep-alive, pipelining, bodies, HEAD, framing fields.
final class ServerBehaviourTests: ServerTestCase {
    func testKeepAliveServesTwoRequestsOnOneConnection() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("GET /one HTTP/1.1\r\nHost: h\r\n\r\n")
        let first = try client.readResponse()
        client.send("GET /two?x=1 HTTP/1.1\r\nHost: h\r\n\r\n")
        let second = try client.readResponse()
        XCTAssertEqual(first.statusLine, "HTTP/1.1 200 OK")
        XCTAssertEqual(first.text, "GET /one ")
        XCTAssertEqual(second.text, "GET /two x=1")
        XCTAssertNil(first.headers["Connection"])
        XCTAssertNotNil(first.headers["Date"])
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("GET /a HTTP/1.1\r\nHost: h\r\n\r\nPOST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nbbbGET /c HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "GET /a ")
        XCTAssertEqual(try client.readResponse().text, "bbb")
        XCTAssertEqual(try client.readResponse().text, "GET /c ")
    }

    func testChunkedBodyIsEchoed() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n")
        client.send("5\r\npedia\r\n0\r\nTrailer-Field: x\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.text, "Wikipedia")
        XCTAssertEqual(response.headers["Content-Length"], "9")
    }

    func testLargeBodyArrivesIntactBothWays() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        let body = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        client.send(Array("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body)
        let response = try client.readResponse()
        XCTAssertEqual(response.body.count, body.count)
        XCTAssertTrue(response.body == body)
    }

    func testHeadResponseHasLengthButNoBody() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n")
        let head = try client.readResponse(bodyless: true)
        XCTAssertEqual(head.headers["Content-Length"], "8")  // "HEAD /x "
        client.send("GET /y HTTP/1.1\r\nHost: h\r\n\r\n")
        // Had the HEAD response carried a body, these bytes would come first and break the next parse.
        XCTAssertEqual(try client.readResponse().text, "GET /y ")
    }

    func testConnectionCloseIsHonoured() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
        XCTAssertEqual(try client.readResponse().headers["Connection"], "close")
        XCTAssertTrue(client.serverClosesWithoutMoreData())
    }

    func testHTTP10ClosesByDefaultAndKeepsAliveOnRequest() throws {
        let (_, port) = try startServer()
        let closing = try RawClient(port: port)
        closing.send("GET / HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try closing.readResponse().headers["Connection"], "close")
        XCTAssertTrue(closing.serverClosesWithoutMoreData())

        let staying = try RawClient(port: port)
        staying.send("GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try staying.readResponse().headers["Connection"], "keep-alive")
        staying.send("GET /2 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try staying.readResponse().text, "GET /2 ")
    }

    func testServerOwnsFramingFieldsAndNeutralisesLineBreaks() throws {
        let (_, port) = try startServer(handler: { _ in
            HTTPResponse(
                status: 201,
                headers: ["Content-Length": "999", "Transfer-Encoding": "chunked", "Location": "/a\r\nSet-Cookie: evil=1"],
                body: Array("ok".utf8))
        })
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.statusLine, "HTTP/1.1 201 Created")
        XCTAssertEqual(response.headers.values("Content-Length"), ["2"])
        XCTAssertNil(response.headers["Transfer-Encoding"])
        XCTAssertNil(response.headers["Set-Cookie"])
        XCTAssertEqual(response.headers["Location"], "/a  Set-Cookie: evil=1")
        XCTAssertEqual(response.text, "ok")
    }

    func testHandlerSeesPeerAddressIDPathAndHeaders() throws {
        let seen = Mutex<HTTPRequest?>(nil)
        let (_, port) = try startServer(handler: { request in
            seen.withLock { $0 = request }
            return HTTPResponse()
        })
        let client = try RawClient(port: port)
        client.send("GET /p%20q?r=1 HTTP/1.1\r\nHost: example\r\nX-A: 1\r\nX-A: 2\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        let request = try XCTUnwrap(seen.withLock { $0 })
        XCTAssertEqual(request.remoteAddress, "127.0.0.1")
        XCTAssertEqual(request.path, "/p%20q")
        XCTAssertEqual(request.query, "r=1")
        XCTAssertEqual(request.headers.values("x-a"), ["1", "2"])
        XCTAssertEqual(request.requestID.utf8.count, 16)
    }

    func testExpectContinueGetsInterimResponseBeforeTheBody() throws {
        let (_, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("POST /echo HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
        let interim = try client.readResponse(bodyless: true)
        XCTAssertEqual(interim.statusLine, "HTTP/1.1 100 Continue")
        client.send("data")
        XCTAssertEqual(try client.readResponse().text, "data")
    }

    func testStartFailsClearlyWhenThePortIsTaken() throws {
        let (_, port) = try startServer()
        var configuration = HTTPServerConfiguration()
        configuration.port = port
        let second = HTTPServer(configuration: configuration, handler: ServerTestCase.describingHandler)
        XCTAssertThrowsError(try second.start()) { error in
            XCTAssertEqual(error as? HTTPServerError, .addressInUse(host: "127.0.0.1", port: port))
            XCTAssertEqual("\(error)", "address 127.0.0.1:\(port) already in use")
        }
    }

    func testConcurrentClientsFromSeveralThreadsAllGetTheirOwnAnswers() throws {
        let (_, port) = try startServer { $0.workerThreads = 3 }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { thread in
            do {
                let client = try RawClient(port: port)
                for index in 0..<40 {
                    client.send("GET /t\(thread)/\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
                    let text = try client.readResponse().text
                    if text != "GET /t\(thread)/\(index) " { failures.withLock { $0.append(text) } }
                }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
    }
}
