import Foundation
import Synchronization
import XCTest
@testable import HTTPServer

/// Deadlines and graceful shutdown. Time-outs are configured tiny; the assertions are about
/// what the server does (408, close), never about how fast.
final class ServerLifecycleTests: ServerTestCase {
    func testSlowHeadIsAnswered408AndClosed() throws {
        let (_, port) = try startServer { $0.headerTimeout = 0.2 }
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\n")  // never finishes the head
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertTrue(client.serverClosesWithoutMoreData())
    }

    func testSlowBodyIsAnswered408AndClosed() throws {
        let (_, port) = try startServer { $0.bodyTimeout = 0.2 }
        let client = try RawClient(port: port)
        client.send("POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertTrue(client.serverClosesWithoutMoreData())
    }

    func testIdleKeepAliveConnectionIsClosedSilently() throws {
        let (_, port) = try startServer { $0.idleTimeout = 0.2 }
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertTrue(client.serverClosesWithoutMoreData(), "idle connection must be closed with no response")
    }

    func testSilentNewConnectionIsClosedAfterTheIdleTimeout() throws {
        let (_, port) = try startServer { $0.idleTimeout = 0.2 }
        let client = try RawClient(port: port)
        XCTAssertTrue(client.serverClosesWithoutMoreData())
    }

    func testLargeResponseToASlowReaderArrivesWhole() throws {
        let body = (0..<8_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let (_, port) = try startServer(handler: { request in
            HTTPResponse(body: request.path == "/big" ? body : Array("small".utf8))
        })
        let client = try RawClient(port: port)
        // Pipelined: the second answer may only start once the first is entirely written.
        client.send("GET /big HTTP/1.1\r\nHost: h\r\n\r\nGET /small HTTP/1.1\r\nHost: h\r\n\r\n")
        Thread.sleep(forTimeInterval: 0.2)  // let the socket buffers fill so the server must wait for EPOLLOUT
        let big = try client.readResponse()
        XCTAssertEqual(big.body.count, body.count)
        XCTAssertTrue(big.body == body)
        XCTAssertEqual(try client.readResponse().text, "small")
    }

    func testClientThatStopsReadingIsDroppedAfterTheWriteTimeout() throws {
        let body = [UInt8](repeating: 0x61, count: 64_000_000)
        let (_, port) = try startServer({ $0.bodyTimeout = 0.2 }, handler: { _ in HTTPResponse(body: body) })
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        Thread.sleep(forTimeInterval: 1.0)  // read nothing while the server's write deadline passes
        XCTAssertThrowsError(try client.readResponse(), "the connection must end before 64 MB arrive")
    }

    func testIdleTimeoutDoesNotCutAnActiveConnection() throws {
        let (_, port) = try startServer { $0.idleTimeout = 5 }
        let client = try RawClient(port: port)
        for index in 0..<3 {
            client.send("GET /\(index) HTTP/1.1\r\nHost: h\r\n\r\n")
            XCTAssertEqual(try client.readResponse().text, "GET /\(index) ")
        }
    }

    func testShutdownLetsAnInFlightSlowHandlerFinishAndItsResponseArrive() throws {
        let started = DispatchSemaphore(value: 0)
        let (server, port) = try startServer(handler: { request in
            started.signal()
            Thread.sleep(forTimeInterval: 0.3)
            return HTTPResponse(body: Array("finished \(request.path)".utf8))
        })
        let client = try RawClient(port: port)
        client.send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(started.wait(timeout: .now() + 5), .success)
        let shutdownReturned = Atomic<Bool>(false)
        let shutdownThread = Thread {
            server.shutdown()
            shutdownReturned.store(true, ordering: .sequentiallyConsistent)
        }
        shutdownThread.start()
        let response = try client.readResponse()
        XCTAssertEqual(response.text, "finished /slow")
        XCTAssertEqual(response.headers["Connection"], "close")
        XCTAssertTrue(client.serverClosesWithoutMoreData())
        server.shutdown()  // idempotent: returns once the first call's work is done
        XCTAssertTrue(shutdownReturned.load(ordering: .sequentiallyConsistent) || waitUntil { shutdownReturned.load(ordering: .sequentiallyConsistent) })
        XCTAssertThrowsError(try RawClient(port: port), "no longer accepting")
    }

    func testShutdownClosesIdleConnectionsAndRefusesRestart() throws {
        let (server, port) = try startServer()
        let client = try RawClient(port: port)
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        server.shutdown()
        XCTAssertTrue(client.serverClosesWithoutMoreData())
        XCTAssertThrowsError(try server.start()) { XCTAssertEqual($0 as? HTTPServerError, .alreadyStarted) }
    }

    func testWaitForTerminationSignalReturnsOnceSIGTERMArrives() throws {
        let (server, _) = try startServer()
        let waiter = Mutex<pthread_t?>(nil)
        let returned = DispatchSemaphore(value: 0)
        let thread = Thread {
            // Blocked on this thread only, and the signal below is aimed at this thread, so the
            // rest of the test process keeps its default SIGTERM handling.
            HTTPServer.blockTerminationSignals()
            waiter.withLock { $0 = pthread_self() }
            server.waitForTerminationSignal()
            returned.signal()
        }
        thread.start()
        XCTAssertTrue(waitUntil { waiter.withLock { $0 } != nil })
        XCTAssertEqual(returned.wait(timeout: .now() + 0.2), .timedOut, "must block until a signal arrives")
        let target = try XCTUnwrap(waiter.withLock { $0 })
        XCTAssertEqual(pthread_kill(target, SIGTERM), 0)
        XCTAssertEqual(returned.wait(timeout: .now() + 5), .success)
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<500 where !condition() { Thread.sleep(forTimeInterval: 0.01) }
        return condition()
    }
}
