import Foundation

/// Dispatches `tend <command> ...` to its subcommand.
enum CommandLineTool {
    static func main(_ args: [String]) -> Int32 {
        if args.first == "risk" { return RiskCommands.run(Array(args.dropFirst())) }
        print("tend: under construction")
        return 0
    }
}
