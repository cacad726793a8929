import CareCore
import CareServices
import Foundation
import Storage

/// Opening the database for a command, and the environment of use cases over it.
enum Store {
    /// Opens the database at `path`. Unless `create`, the file must exist and be fully migrated.
    static func open(_ path: String, create: Bool = false) throws -> Database {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw CLIError.failed("no database at \(path); create it with 'tend migrate --db \(path)'")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty && !FileManager.default.fileExists(atPath: directory) {
            throw CLIError.failed("folder \(directory) does not exist")
        }
        let database: Database
        do { database = try Database(path: path) } catch { throw CLIError.failed("cannot open \(path): \(error)") }
        if !create {
            let applied = try Migrator.appliedVersions(database)
            if applied != TendSchema.migrations.map(\.version) {
                database.close()
                throw CLIError.failed("database \(path) is not up to date; run 'tend migrate --db \(path)'")
            }
        }
        return database
    }

    static func services(_ database: Database, idleMinutes: Int = 15) -> CareServices {
        CareServices(environment: ServiceEnvironment(database: database, sessionPolicy: SessionPolicy(idleTimeout: Double(idleMinutes) * 60,
                                                                                                     absoluteLifetime: SessionPolicy.standard.absoluteLifetime)))
    }
}

enum MigrateCommand {
    static let help = "Usage: tend migrate --db PATH\nCreates the database if needed, applies pending schema migrations and writes the FHIR Patient\nresource of any registry patient without one (a no-op when up to date)."

    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, command: "migrate", valued: ["--db"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db")
        let database = try Store.open(path, create: true)
        defer { database.close() }
        let applied = try Migrator.migrate(database, TendSchema.migrations)
        print(applied.isEmpty ? "Database \(path) is up to date (schema version \(TendSchema.migrations.last?.version ?? 0))."
                              : "Applied migration\(applied.count == 1 ? "" : "s") \(applied.map(String.init).joined(separator: ", ")) to \(path).")
        // Registry patients from before every patient had a FHIR Patient resource get one now.
        let written = try Store.services(database).fhirAPI.writeMissingPatientResources()
        if written > 0 { print("Wrote the FHIR Patient resource of \(written) registry patient\(written == 1 ? "" : "s").") }
        return 0
    }
}

enum OrgCommand {
    static let help = "Usage: tend org add --db PATH --name NAME [--timezone America/New_York]\nCreates an organization (tenant). The time zone is an IANA name."

    static func run(_ args: [String]) throws -> Int32 {
        guard args.first == "add" else {
            if args.first == "--help" || args.first == "-h" { print(help); return 0 }
            throw CLIError.usage("expected 'tend org add'", help: "tend org --help")
        }
        let a = try Arguments(Array(args.dropFirst()), command: "org add", valued: ["--db", "--name", "--timezone"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db"), name = try a.required("--name")
        let database = try Store.open(path)
        defer { database.close() }
        try Store.services(database).admin.createOrganization(name: name, timezone: a.optional("--timezone") ?? "America/New_York")
        print("Created organization \(name).")
        return 0
    }
}

enum UserCommand {
    static let help = """
    Usage: tend user add --db PATH --org NAME --username U --role ROLE [--name "Display Name"] --password-stdin
           tend user disable|enable --db PATH --username U
    add: creates a user. The password (12 to 128 characters) is read from the first line of standard input.
    disable: ends the user's sessions and revokes their API tokens at once; enable lets them sign in again.
    Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))
    """

    static func run(_ args: [String]) throws -> Int32 {
        if args.first == "disable" || args.first == "enable" { return try setDisabled(args.first == "disable", Array(args.dropFirst())) }
        guard args.first == "add" else {
            if args.first == "--help" || args.first == "-h" { print(help); return 0 }
            throw CLIError.usage("expected 'tend user add', 'tend user disable' or 'tend user enable'", help: "tend user --help")
        }
        let a = try Arguments(Array(args.dropFirst()), command: "user add", valued: ["--db", "--org", "--username", "--role", "--name"],
                              flags: ["--password-stdin"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db"), org = try a.required("--org"), username = try a.required("--username")
        let roleText = try a.required("--role")
        guard let role = Role(rawValue: roleText) else {
            throw CLIError.usage("unknown role '\(roleText)'; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))", help: "tend user add --help")
        }
        guard a.has("--password-stdin") else { throw CLIError.usage("missing --password-stdin (passwords are never taken as arguments)", help: "tend user add --help") }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError.failed("no password on standard input") }
        let database = try Store.open(path)
        defer { database.close() }
        try Store.services(database).admin.createUser(organization: org, username: username, displayName: a.optional("--name"), role: role, password: line)
        print("Created user \(username.lowercased()) (\(role.rawValue)) in \(org).")
        return 0
    }

    static func setDisabled(_ disabled: Bool, _ args: [String]) throws -> Int32 {
        let command = disabled ? "user disable" : "user enable"
        let a = try Arguments(args, command: command, valued: ["--db", "--username"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db"), username = try a.required("--username")
        let database = try Store.open(path)
        defer { database.close() }
        try Store.services(database).admin.setDisabled(username: username, disabled)
        print(disabled ? "Disabled \(username): sessions ended, API tokens revoked." : "Enabled \(username).")
        return 0
    }
}

enum TokenCommand {
    static let help = """
    Usage: tend token create --db PATH --username U
           tend token revoke --db PATH --username U
    create: prints a new API bearer token for the user. Only its SHA-256 is stored: keep it safe.
    revoke: revokes every API token of the user.
    """

    static func run(_ args: [String]) throws -> Int32 {
        if args.first == "revoke" {
            let a = try Arguments(Array(args.dropFirst()), command: "token revoke", valued: ["--db", "--username"])
            if a.wantsHelp { print(help); return 0 }
            let path = try a.required("--db"), username = try a.required("--username")
            let database = try Store.open(path)
            defer { database.close() }
            let count = try Store.services(database).admin.revokeTokens(username: username)
            print("Revoked \(count) API token\(count == 1 ? "" : "s") of \(username).")
            return 0
        }
        guard args.first == "create" else {
            if args.first == "--help" || args.first == "-h" { print(help); return 0 }
            throw CLIError.usage("expected 'tend token create' or 'tend token revoke'", help: "tend token --help")
        }
        let a = try Arguments(Array(args.dropFirst()), command: "token create", valued: ["--db", "--username"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db"), username = try a.required("--username")
        let database = try Store.open(path)
        defer { database.close() }
        print(try Store.services(database).auth.createToken(username: username))
        return 0
    }
}

enum DemoCommand {
    static let help = """
    Usage: tend demo --db PATH [--patients 500]
    Loads the deterministic demo organization (once): a user of every role, synthetic patients with two years of
    clinical records (imported through the FHIR importer) and two risk runs, six months ago and today.
    """

    static func run(_ args: [String]) throws -> Int32 {
        let a = try Arguments(args, command: "demo", valued: ["--db", "--patients"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db")
        let count = try a.integer("--patients", default: 500, range: 0...1_000_000)
        let database = try Store.open(path, create: true)
        defer { database.close() }
        try Migrator.migrate(database, TendSchema.migrations)
        let started = Date()
        if let summary = try DemoData(environment: Store.services(database).environment).loadReporting(patientCount: count) {
            let types = summary.counts.byType.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            print("Loaded the demo: \(DemoData.organizationName), \(count) synthetic patients in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
            if summary.counts.total > 0 { print("Clinical records imported through the FHIR importer: \(types).") }
            if let run = summary.riskRuns.last {
                print("Risk run \(run.id) (\(run.model) \(run.paymentYear)): \(run.highCount) high, \(run.moderateCount) moderate, \(run.lowCount) low, \(run.risingCount) rising.")
            }
        } else {
            print("The demo organization is already there.")
        }
        printLogins()
        return 0
    }

    static func printLogins() {
        print("Demo logins (password for all: \(DemoData.password)):")
        for (username, role, name) in DemoData.users {
            print("  \(username.padding(toLength: 12, withPad: " ", startingAt: 0)) \(role.title) — \(name)")
        }
    }
}

enum AuditCommand {
    static let help = "Usage: tend audit verify --db PATH\nChecks every organization's audit hash chain. Exit 0 when intact; 1 and the first broken row otherwise."

    static func run(_ args: [String]) throws -> Int32 {
        guard args.first == "verify" else {
            if args.first == "--help" || args.first == "-h" { print(help); return 0 }
            throw CLIError.usage("expected 'tend audit verify'", help: "tend audit --help")
        }
        let a = try Arguments(Array(args.dropFirst()), command: "audit verify", valued: ["--db"])
        if a.wantsHelp { print(help); return 0 }
        let database = try Store.open(try a.required("--db"))
        defer { database.close() }
        switch try Store.services(database).auditLog.verify() {
        case .success(let count):
            print("Audit log intact: \(count) rows checked.")
            return 0
        case .failure(let broken):
            FileHandle.standardError.write(Data("tend: audit chain broken at \(broken)\n".utf8))
            return 1
        }
    }
}
