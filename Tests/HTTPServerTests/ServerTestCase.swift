import Foundation
import XCTest
@testable import HTTPServer

/// Starts a real server on 127.0.0.1, port 0, and shuts it down after each test.
class ServerTestCase: XCTestCase {
    private var servers: [HTTPServer] = []

    override func tearDown() {
        for server in servers { server.shutdown() }
        servers = []
        super.tearDown()
    }

    /// The handler most tests use: `/echo` returns the body, anything else describes the request.
    static let describingHandler: HTTPHandler = { request in
        if request.path == "/echo" {
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/octet-stream"], body: request.body)
        }
        let text = "\(request.method) \(request.path) \(request.query)"
        return HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Array(text.utf8))
    }

    func startServer(
        _ configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        handler: @escaping HTTPHandler = ServerTestCase.describingHandler
    ) throws -> (HTTPServer, UInt16) {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = 2
        configure(&configuration)
        let server = HTTPServer(configuration: configuration, handler: handler)
        let port = try server.start()
        servers.append(server)
        return (server, port)
    }
}
