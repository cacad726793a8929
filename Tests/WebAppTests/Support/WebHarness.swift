import CareCore
import CareServices
import Foundation
import HTTPServer
import Security
import Storage
import WebApp
import XCTest

/// A real Tend server for one test: a SQLite file in a temp folder, migrated; two organizations with a
/// user of every role; a hand-moved clock; `WebApplication` on a real `HTTPServer` at 127.0.0.1, port 0.
final class WebHarness {
    static let password = "correct horse battery staple"

    /// Users of organization A ("North Clinic") and B ("South Clinic"), by username.
    static let usersA: [(String, Role)] = [
        ("a-admin", .admin), ("a-super", .supervisor), ("a-cm1", .careManager), ("a-cm2", .careManager),
        ("a-chw", .chw), ("a-analyst", .analyst), ("a-partner", .partner),
    ]
    static let usersB: [(String, Role)] = [
        ("b-admin", .admin), ("b-super", .supervisor), ("b-cm", .careManager), ("b-chw", .chw), ("b-analyst", .analyst), ("b-partner", .partner),
    ]

    let folder: URL
    let database: Database
    let clock = TestClock()
    let services: CareServices
    let server: HTTPServer
    let port: UInt16
    private(set) var tokens: [String: String] = [:]
    private(set) var principals: [String: Principal] = [:]

    init(file: StaticString = #filePath, line: UInt = #line) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tend-webtests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = try Database(path: folder.appendingPathComponent("tend.sqlite").path)
        try Migrator.migrate(database, TendSchema.migrations)
        services = CareServices(environment: ServiceEnvironment(database: database, clock: clock.clock,
                                                                passwordHasher: PasswordHasher(parameters: .fastForTests)))
        try services.admin.createOrganization(name: "North Clinic", timezone: "America/New_York")
        try services.admin.createOrganization(name: "South Clinic", timezone: "America/Chicago")
        for (org, users) in [("North Clinic", Self.usersA), ("South Clinic", Self.usersB)] {
            for (username, role) in users {
                try services.admin.createUser(organization: org, username: username, role: role, password: Self.password)
                let token = try services.auth.createToken(username: username)
                tokens[username] = token
                principals[username] = try services.auth.principal(forToken: token)
            }
        }
        let app = WebApplication(services: services)
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.workerThreads = 2
        server = HTTPServer(configuration: configuration, handler: { app.handle($0) })
        port = try server.start()
    }

    /// Stops the server, closes the database and removes the temp folder.
    func tearDown() {
        server.shutdown()
        database.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// What a use case needs to act as `username` (for setting up data without HTTP).
    func context(_ username: String) -> RequestContext {
        RequestContext(principal: principals[username]!, clientAddress: "127.0.0.1", requestID: "setup")
    }

    /// Creates a patient as `username` (who joins its care team when a care manager or CHW) and returns its id.
    @discardableResult
    func createPatient(_ given: String, _ family: String, birthDate: String = "1960-05-01", sex: String = "female",
                       phone: String = "", identifiers: [(String, String)] = [], as username: String) throws -> String {
        var draft = PatientDraft()
        draft.givenName = given
        draft.familyName = family
        draft.birthDate = birthDate
        draft.sex = sex
        draft.phone = phone
        draft.identifiers = identifiers
        guard case .created(let record) = try services.patients.create(draft, confirmedNotDuplicate: true, by: context(username)) else {
            throw RawHTTPClient.Failure(description: "patient \(given) \(family) was not created")
        }
        return record.id
    }

    /// A browser-like client with its own cookie jar.
    func browser() -> Browser { Browser(port: port) }

    /// A JSON API request with `username`'s bearer token (or none / a given token).
    func api(_ method: String, _ target: String, as username: String? = nil, token: String? = nil, json: String? = nil,
             body: [UInt8]? = nil, contentType: String = "application/json") throws -> WireResponse {
        var headers: [(String, String)] = []
        if let bearer = token ?? username.flatMap({ tokens[$0] }) { headers.append(("Authorization", "Bearer \(bearer)")) }
        let bytes = body ?? json.map { Array($0.utf8) } ?? []
        if !bytes.isEmpty { headers.append(("Content-Type", contentType)) }
        return try RawHTTPClient.send(port: port, method: method, target: target, headers: headers, body: bytes)
    }

    // MARK: Database inspection

    func count(_ sql: String, _ arguments: [any SQLConvertible] = []) throws -> Int {
        try database.read { Int(try $0.queryOne(sql, arguments)?.int(0) ?? -1) }
    }

    func auditRows(action: String? = nil) throws -> [AuditRow] {
        try database.read { conn in
            let rows = action.map { try? conn.query("SELECT * FROM audit_events WHERE action = ? ORDER BY id", [$0]) }
                ?? (try? conn.query("SELECT * FROM audit_events ORDER BY id"))
            return (rows ?? []).map { r in
                var row = AuditRow(organizationID: r.int("organization_id") ?? -1, at: r.string("at") ?? "", userID: r.int("user_id"),
                                   username: r.string("username") ?? "", role: r.string("role") ?? "", action: r.string("action") ?? "",
                                   outcome: r.string("outcome") ?? "", patientID: r.string("patient_id") ?? "",
                                   resourceType: r.string("resource_type") ?? "", resourceID: r.string("resource_id") ?? "",
                                   clientAddress: r.string("client_address") ?? "", requestID: r.string("request_id") ?? "",
                                   detail: r.string("detail") ?? "")
                row.id = r.int("id") ?? 0
                row.seq = r.int("seq") ?? 0
                row.prevHash = r.string("prev_hash") ?? ""
                row.hash = r.string("hash") ?? ""
                return row
            }
        }
    }

    /// Audit rows added by `body`.
    func auditRowsAdded(by body: () throws -> Void) throws -> [AuditRow] {
        let before = try count("SELECT COALESCE(MAX(id), 0) FROM audit_events")
        try body()
        return try auditRows().filter { $0.id > Int64(before) }
    }
}

/// Cookie-keeping client that behaves like a browser for forms (no redirects followed automatically).
final class Browser {
    let port: UInt16
    private(set) var cookies: [String: String] = [:]
    private(set) var lastResponse: WireResponse?

    init(port: UInt16) { self.port = port }

    var sessionCookie: String? { cookies["tend_session"] }

    func setCookie(_ name: String, _ value: String?) { cookies[name] = value }

    func get(_ target: String) throws -> WireResponse { try request("GET", target) }

    func post(_ target: String, form: [(String, String)]) throws -> WireResponse {
        let body = form.map { "\(FormCodec.encode($0.0))=\(FormCodec.encode($0.1))" }.joined(separator: "&")
        return try request("POST", target, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8))
    }

    func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> WireResponse {
        var all = headers
        if !cookies.isEmpty { all.append(("Cookie", cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
        let response = try RawHTTPClient.send(port: port, method: method, target: target, headers: all, body: body)
        for line in response.headers("Set-Cookie") {
            let first = line.split(separator: ";", maxSplits: 1)[0]
            let pair = first.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count > 1 ? String(pair[1]) : ""
            cookies[name] = line.contains("Max-Age=0") || value.isEmpty ? nil : value
        }
        lastResponse = response
        return response
    }

    /// Signs in through the real form: GET /login for the login-CSRF cookie and hidden field, then POST.
    @discardableResult
    func login(_ username: String, password: String = WebHarness.password) throws -> WireResponse {
        let form = try get("/login")
        guard let csrf = Self.csrf(in: form.text) else { throw RawHTTPClient.Failure(description: "no csrf field on the login page") }
        return try post("/login", form: [("csrf", csrf), ("next", "/"), ("username", username), ("password", password)])
    }

    /// The session's CSRF token, read from a signed-in page (the sign-out form carries it).
    func csrfToken() throws -> String {
        guard let token = Self.csrf(in: try get("/welcome").text) else { throw RawHTTPClient.Failure(description: "no csrf field on signed-in pages") }
        return token
    }

    /// The value of the first `<input … name="csrf" … value="…">` in a page.
    static func csrf(in html: String) -> String? {
        var rest = Substring(html)
        while let start = rest.range(of: "<input") {
            let tail = rest[start.upperBound...]
            guard let end = tail.firstIndex(of: ">") else { return nil }
            let tag = tail[..<end]
            if tag.contains("name=\"csrf\""), let v = tag.range(of: "value=\"") {
                let valueStart = v.upperBound
                if let close = tag[valueStart...].firstIndex(of: "\"") { return String(tag[valueStart..<close]) }
            }
            rest = tail[end...]
        }
        return nil
    }
}

/// Form encoding for test requests.
enum FormCodec {
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
