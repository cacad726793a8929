/// Command-line options of one subcommand: `--name value` pairs and `--flag`s, checked against what
/// the subcommand accepts, so a typo is an error rather than silently ignored.
struct Arguments {
    private var options: [String: [String]] = [:]
    private var flags: Set<String> = []
    let command: String

    /// Parses `args`; `valued` options take a value, `flags` do not. `--help` is always a flag.
    init(_ args: [String], command: String, valued: Set<String>, flags allowedFlags: Set<String> = []) throws {
        self.command = command
        var i = 0
        while i < args.count {
            let arg = args[i]
            if arg == "--help" || arg == "-h" {
                flags.insert("--help")
            } else if valued.contains(arg) {
                guard i + 1 < args.count, !args[i + 1].hasPrefix("--") else { throw CLIError.usage("\(arg) needs a value", help: "tend \(command) --help") }
                options[arg, default: []].append(args[i + 1])
                i += 1
            } else if allowedFlags.contains(arg) {
                flags.insert(arg)
            } else {
                throw CLIError.usage("unknown argument '\(arg)'", help: "tend \(command) --help")
            }
            i += 1
        }
    }

    var wantsHelp: Bool { flags.contains("--help") }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    func optional(_ name: String) -> String? { options[name]?.last }

    func all(_ name: String) -> [String] { options[name] ?? [] }

    func required(_ name: String) throws -> String {
        guard let value = options[name]?.last, !value.isEmpty else { throw CLIError.usage("missing \(name)", help: "tend \(command) --help") }
        return value
    }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = optional(name) else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw CLIError.usage("\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'", help: "tend \(command) --help")
        }
        return n
    }
}
