import Foundation
import Storage
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The built `tend` binary as an operator runs it: CLI set-up, `serve` as a child process,
/// durability across `kill -9`, graceful SIGTERM, `audit verify`, and argument errors.
/// Needs `.build/debug/tend` (`swift build --build-tests` builds it); fails, never skips, without it.
final class TendBinaryTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = packageRoot.appendingPathComponent(".build/debug/tend")
    static let password = "a long operator password"

    var folder: URL!
    var database: String { folder.appendingPathComponent("tend.sqlite").path }
    var servers: [Process] = []

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw RawHTTPClient.Failure(description: "\(Self.binary.path) is missing: run `swift build --build-tests` (or `make test`) before these tests")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tend-binary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDown() {
        for server in servers where server.isRunning {
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    // MARK: Running the binary

    struct Run { let status: Int32; let stdout: String; let stderr: String }

    @discardableResult
    func tend(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A database with one organization and one care manager; returns the care manager's API token.
    func prepareDatabase() throws -> String {
        XCTAssertEqual(try tend(["migrate", "--db", database]).status, 0)
        XCTAssertEqual(try tend(["org", "add", "--db", database, "--name", "North Clinic"]).status, 0)
        let user = try tend(["user", "add", "--db", database, "--org", "North Clinic", "--username", "cm-one", "--role", "care_manager", "--password-stdin"],
                            stdin: Self.password + "\n")
        guard user.status == 0 else { throw RawHTTPClient.Failure(description: "user add failed: \(user.stderr)") }
        let token = try tend(["token", "create", "--db", database, "--username", "cm-one"])
        guard token.status == 0 else { throw RawHTTPClient.Failure(description: "token create failed: \(token.stderr)") }
        return token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `tend serve` on a free port (port 0, read back from its start-up line) and waits until /healthz answers.
    func startServer() throws -> (Process, UInt16) {
        let log = folder.appendingPathComponent("serve-\(servers.count).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["serve", "--db", database, "--port", "0", "--workers", "2"]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        servers.append(process)
        for _ in 0..<400 {  // up to ~20 s on a loaded machine
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                let port = UInt16(text[range].dropFirst("http://127.0.0.1:".count).dropLast())!
                if (try? RawHTTPClient.send(port: port, method: "GET", target: "/healthz").status) == 200 { return (process, port) }
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        throw RawHTTPClient.Failure(description: "tend serve did not come up: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    func api(_ port: UInt16, _ method: String, _ target: String, token: String, json: String? = nil) throws -> WireResponse {
        var headers = [("Authorization", "Bearer \(token)")]
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try RawHTTPClient.send(port: port, method: method, target: target, headers: headers, body: Array((json ?? "").utf8))
    }

    // MARK: Tests

    func testAcknowledgedWritesSurviveKill9() throws {
        let token = try prepareDatabase()
        var (server, port) = try startServer()
        var created: [String: String] = [:]  // id → family name
        for i in 0..<50 {
            // Distinct birth years, so no create is held back as a possible duplicate.
            let family = "Durable\(String(UnicodeScalar(UInt8(65 + i % 26))))\(i)"
            let response = try api(port, "POST", "/api/v1/patients", token: token,
                                   json: #"{"givenName": "Test", "familyName": "\#(family)", "birthDate": "\#(1940 + i)-06-15", "sex": "other"}"#)
            XCTAssertEqual(response.status, 201, response.text)
            if let id = response.json()["id"] as? String { created[id] = family }
        }
        XCTAssertEqual(created.count, 50)

        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        XCTAssertEqual(server.terminationReason, .uncaughtSignal)

        (server, port) = try startServer()
        for (id, family) in created {
            let response = try api(port, "GET", "/api/v1/patients/\(id)", token: token)
            XCTAssertEqual(response.status, 200, "patient \(id) lost after kill -9")
            XCTAssertEqual(response.json()["familyName"] as? String, family)
        }
        let all = try api(port, "GET", "/api/v1/patients?name=durable&limit=1", token: token)
        XCTAssertEqual(all.json()["total"] as? Int, 50)
    }

    func testSIGTERMUnderLoadExitsZeroAndKeepsEveryAcknowledgedWrite() throws {
        let token = try prepareDatabase()
        let (server, port) = try startServer()
        // A client keeps creating patients until the server goes away; SIGTERM lands in the middle.
        let acknowledged = Acknowledged()
        let writer = Thread {
            for i in 0..<300 {
                let json = #"{"givenName": "Load", "familyName": "Term\#(i)", "birthDate": "\#(1900 + i % 120)-0\#(1 + i / 120)-11", "sex": "male"}"#
                guard let response = try? RawHTTPClient.send(port: port, method: "POST", target: "/api/v1/patients",
                                                             headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                                                             body: Array(json.utf8)) else { break }
                guard response.status == 201, let id = (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])?["id"] as? String
                else { acknowledged.fail("status \(response.status): \(response.text)"); break }
                acknowledged.add(id)
            }
            acknowledged.finish()
        }
        writer.start()
        for _ in 0..<400 where acknowledged.count < 5 { usleep(25_000) }  // bounded wait for the load to start
        XCTAssertGreaterThanOrEqual(acknowledged.count, 5, "the load never started")
        kill(server.processIdentifier, SIGTERM)
        server.waitUntilExit()
        XCTAssertEqual(server.terminationReason, .exit)
        XCTAssertEqual(server.terminationStatus, 0, "SIGTERM is a clean stop")
        for _ in 0..<400 where !acknowledged.isFinished { usleep(25_000) }
        XCTAssertTrue(acknowledged.isFinished)
        XCTAssertNil(acknowledged.failure, "every answer before the stop was a 201 or no answer at all")

        let db = try Database(path: database)
        defer { db.close() }
        let stored = Set(try db.read { try $0.query("SELECT public_id FROM patients").compactMap { $0.string(0) } })
        XCTAssertTrue(Set(acknowledged.ids).isSubset(of: stored), "an acknowledged patient is missing after SIGTERM")
        XCTAssertEqual(stored.count, acknowledged.ids.count, "no write was stored without being acknowledged")
        XCTAssertEqual(try tend(["audit", "verify", "--db", database]).status, 0)
    }

    func testAuditVerifyExitsZeroWhenIntactAndOneNamingTheAlteredRow() throws {
        let token = try prepareDatabase()
        let (server, port) = try startServer()
        let created = try api(port, "POST", "/api/v1/patients", token: token,
                              json: #"{"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}"#)
        XCTAssertEqual(created.status, 201)
        let id = created.json()["id"] as? String ?? ""
        XCTAssertEqual(try api(port, "GET", "/api/v1/patients/\(id)", token: token).status, 200)
        server.terminate()
        server.waitUntilExit()

        let intact = try tend(["audit", "verify", "--db", database])
        XCTAssertEqual(intact.status, 0, intact.stderr)
        XCTAssertTrue(intact.stdout.contains("intact"), intact.stdout)

        // Work on a copy, as an investigator would: drop the triggers and alter the read row.
        let copy = folder.appendingPathComponent("tampered.sqlite").path
        try FileManager.default.copyItem(atPath: database, toPath: copy)
        let tampered = try Database(path: copy)
        let rowID = try tampered.write { conn -> Int64 in
            try conn.executeScript("DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;")
            let rowID = try conn.queryOne("SELECT id FROM audit_events WHERE action = 'patient.read'")?.int(0) ?? -1
            try conn.execute("UPDATE audit_events SET username = 'someone-else' WHERE id = ?", [rowID])
            return rowID
        }
        tampered.close()
        let broken = try tend(["audit", "verify", "--db", copy])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("audit row id \(rowID) "), broken.stderr)
        XCTAssertEqual(broken.stderr.filter { $0 == "\n" }.count, 1, "one line: \(broken.stderr)")
        XCTAssertEqual(try tend(["audit", "verify", "--db", database]).status, 0, "the original is untouched")
    }

    func testTokenRevokeAndUserDisableCutAPIAccess() throws {
        let token = try prepareDatabase()
        let second = try tend(["token", "create", "--db", database, "--username", "cm-one"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let (_, port) = try startServer()
        func status(_ bearer: String) throws -> Int {
            try RawHTTPClient.send(port: port, method: "GET", target: "/api/v1/patients", headers: [("Authorization", "Bearer \(bearer)")]).status
        }
        XCTAssertEqual(try status(token), 200)
        let revoke = try tend(["token", "revoke", "--db", database, "--username", "cm-one"])
        XCTAssertEqual(revoke.status, 0, revoke.stderr)
        XCTAssertEqual(revoke.stdout, "Revoked 2 API tokens of cm-one.\n")
        XCTAssertEqual(try status(token), 401)
        XCTAssertEqual(try status(second), 401)

        let third = try tend(["token", "create", "--db", database, "--username", "cm-one"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try status(third), 200)
        XCTAssertEqual(try tend(["user", "disable", "--db", database, "--username", "cm-one"]).status, 0)
        XCTAssertEqual(try status(third), 401, "disabling revokes the user's tokens")
        let unknown = try tend(["user", "disable", "--db", database, "--username", "nobody"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "tend: no user named nobody\n")
    }

    func testBadArgumentsExitNonZeroWithOneLineOnStderr() throws {
        XCTAssertEqual(try tend(["migrate", "--db", database]).status, 0)
        XCTAssertEqual(try tend(["org", "add", "--db", database, "--name", "North Clinic"]).status, 0)
        let cases: [(String, [String], String?, String)] = [
            ("unknown option", ["migrate", "--db", database, "--colour", "blue"], nil, "unknown argument '--colour'"),
            ("unknown command", ["frobnicate"], nil, "unknown command"),
            ("missing --db", ["migrate"], nil, "missing --db"),
            ("missing value", ["serve", "--db"], nil, "--db needs a value"),
            ("bad role", ["user", "add", "--db", database, "--org", "North Clinic", "--username", "zed", "--role", "wizard", "--password-stdin"],
             Self.password + "\n", "unknown role 'wizard'"),
            ("short password", ["user", "add", "--db", database, "--org", "North Clinic", "--username", "zed", "--role", "chw", "--password-stdin"],
             "short\n", "password"),
            ("no such database", ["token", "create", "--db", folder.appendingPathComponent("absent.sqlite").path, "--username", "zed"], nil, "no database"),
            ("bad port", ["serve", "--db", database, "--port", "99999"], nil, "--port"),
        ]
        for (name, arguments, stdin, expected) in cases {
            let run = try tend(arguments, stdin: stdin)
            XCTAssertNotEqual(run.status, 0, name)
            XCTAssertTrue(run.stderr.hasPrefix("tend: "), "\(name): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(expected), "\(name): \(run.stderr)")
            XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, "\(name): one line on stderr, got \(run.stderr)")
        }
        let db = try Database(path: database)
        defer { db.close() }
        XCTAssertEqual(try db.read { try $0.queryOne("SELECT COUNT(*) FROM users")?.int(0) }, 0, "no failed command created a user")
    }
}

/// Ids of patients the server acknowledged, shared between the load thread and the test.
final class Acknowledged: @unchecked Sendable {
    // Every field is guarded by `lock`.
    private let lock = NSLock()
    private var list: [String] = []
    private var done = false
    private var problem: String?

    func add(_ id: String) { lock.withLock { list.append(id) } }
    func fail(_ message: String) { lock.withLock { problem = message } }
    func finish() { lock.withLock { done = true } }
    var ids: [String] { lock.withLock { list } }
    var count: Int { lock.withLock { list.count } }
    var isFinished: Bool { lock.withLock { done } }
    var failure: String? { lock.withLock { problem } }
}
