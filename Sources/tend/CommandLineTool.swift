import CareServices
import Foundation

/// `tend <command> …`: dispatches to a subcommand; every error is one line on stderr and a non-zero exit.
enum CommandLineTool {
    static let usage = """
    tend — care management server and operator tools

    Usage:
      tend migrate --db PATH
      tend org add --db PATH --name NAME [--timezone America/New_York]
      tend user add --db PATH --org NAME --username U --role ROLE [--name "Display Name"] --password-stdin
      tend user disable|enable --db PATH --username U
      tend token create|revoke --db PATH --username U
      tend serve --db PATH [--host 127.0.0.1] [--port 8080] [--workers 4] [--trusted-proxy ADDR]... [--session-idle-minutes 15] [--log-requests]
      tend demo --db PATH
      tend audit verify --db PATH
      tend import fhir --db PATH --org NAME FILE_OR_DIR...
      tend import members --db PATH --org NAME FILE.jsonl
      tend export fhir --db PATH --out DIR [--org NAME]
      tend risk run --db PATH [--org NAME] [tier and window options]   (see tend risk run --help)
      tend risk score|comorbidity ...   (see tend risk --help)
      tend help | tend <command> --help

    Roles: admin, supervisor, care_manager, chw, analyst, partner
    """

    static func main(_ args: [String]) -> Int32 {
        guard let command = args.first else {
            print(usage)
            return 2
        }
        let rest = Array(args.dropFirst())
        do {
            switch command {
            case "help", "--help", "-h":
                print(usage)
                return 0
            case "migrate": return try MigrateCommand.run(rest)
            case "org": return try OrgCommand.run(rest)
            case "user": return try UserCommand.run(rest)
            case "token": return try TokenCommand.run(rest)
            case "serve": return try ServeCommand.run(rest)
            case "demo": return try DemoCommand.run(rest)
            case "audit": return try AuditCommand.run(rest)
            case "risk": return RiskCommands.run(rest)
            case "risk-run": return try RiskRunCommand.run(rest)
            case "import": return try ImportCommand.run(rest)
            case "export": return try ExportCommand.run(rest)
            default:
                throw CLIError.usage("unknown command '\(command)'", help: "tend help")
            }
        } catch let error as CLIError {
            error.report()
            return error.exitCode
        } catch let error as ServiceError {
            CLIError.failed(describe(error)).report()
            return 1
        } catch {
            CLIError.failed("\(error)").report()
            return 1
        }
    }

    static func describe(_ error: ServiceError) -> String {
        switch error {
        case .invalid(let f): f.errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case .conflict(_, let m), .notFound(let m), .forbidden(let m): m
        case .unauthenticated, .invalidCredentials: "not authenticated"
        case .throttled: "too many attempts"
        }
    }
}

/// A command-line failure: a usage error (exit 2) or a failed operation (exit 1).
enum CLIError: Error {
    case usage(String, help: String)
    case failed(String)

    var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .failed: 1
        }
    }

    func report() {
        switch self {
        case .usage(let message, let help): FileHandle.standardError.write(Data("tend: \(message) (see '\(help)')\n".utf8))
        case .failed(let message): FileHandle.standardError.write(Data("tend: \(message)\n".utf8))
        }
    }
}
