// Entry point of the `tend` command; see CLI.swift.
import Foundation
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
