import CareServices
import Foundation
import HTTPServer
import WebApp

/// `tend serve`: the web application on the HTTP server until SIGTERM or SIGINT, then a graceful stop.
enum ServeCommand {
    static let help = """
    Usage: tend serve --db PATH [--host 127.0.0.1] [--port 8080] [--workers 4] [--trusted-proxy ADDR]...
                      [--session-idle-minutes 15] [--log-requests]
    Serves Tend. SIGTERM or SIGINT: stops accepting, finishes in-flight requests, closes the database, exits 0.
    """

    static func run(_ args: [String]) throws -> Int32 {
        // Before any thread exists (threads inherit the mask): SIGTERM/SIGINT go to the server's
        // signalfd. Only `serve` does this, so Ctrl-C still stops the other commands at once.
        HTTPServer.blockTerminationSignals()
        let a = try Arguments(args, command: "serve", valued: ["--db", "--host", "--port", "--workers", "--trusted-proxy", "--session-idle-minutes"],
                              flags: ["--log-requests"])
        if a.wantsHelp { print(help); return 0 }
        var config = HTTPServerConfiguration()
        config.host = a.optional("--host") ?? "127.0.0.1"
        config.port = UInt16(try a.integer("--port", default: 8080, range: 0...65535))
        config.workerThreads = try a.integer("--workers", default: 4, range: 1...64)
        // 1 MiB for every route (forms, login, the JSON API with its own 256 KiB limit); only the
        // administrators' bundle upload may send up to 16 MiB.
        config.maxBodyBytes = 1 << 20
        config.largerBodyPaths = ["/admin/import": 16 << 20]
        let idle = try a.integer("--session-idle-minutes", default: 15, range: 1...720)
        let database = try Store.open(try a.required("--db"))
        var web = WebConfiguration()
        web.trustedProxies = Set(a.all("--trusted-proxy"))
        web.logRequests = a.has("--log-requests")
        let app = WebApplication(services: Store.services(database, idleMinutes: idle), configuration: web)
        let server = HTTPServer(configuration: config, handler: { app.handle($0) })
        let port: UInt16
        do { port = try server.start() } catch { database.close(); throw CLIError.failed("\(error)") }
        print("Tend is serving http://\(config.host):\(port)/ (database \(database.path)). Stop with Ctrl-C.")
        server.waitForTerminationSignal()
        print("Stopping: finishing in-flight requests…")
        server.shutdown()
        database.close()
        print("Stopped.")
        return 0
    }
}
