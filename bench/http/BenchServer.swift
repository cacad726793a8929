// A minimal server for bench/http/run.sh: a fixed 13-byte body, keep-alive, SIGTERM to stop.
import Glibc
import HTTPServer

@main
struct BenchServer {
    static func main() throws {
        HTTPServer.blockTerminationSignals()
        var configuration = HTTPServerConfiguration()
        configuration.port = CommandLine.arguments.count > 1 ? UInt16(CommandLine.arguments[1]) ?? 8089 : 8089
        configuration.workerThreads = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 2 : 2
        let body = Array("Hello, world!".utf8)
        let server = HTTPServer(configuration: configuration) { _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: body)
        }
        let port = try server.start()
        print("listening on 127.0.0.1:\(port)")
        fflush(stdout)
        server.waitForTerminationSignal()
        server.shutdown()
        print("stopped cleanly")
        fflush(stdout)
    }
}
