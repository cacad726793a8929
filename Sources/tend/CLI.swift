import Foundation

/// Dispatches `tend <command> ...` to its subcommand.
enum CommandLineTool {
    static func main(_ args: [String]) -> Int32 {
        print("tend: under construction")
        return 0
    }
}
