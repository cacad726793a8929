// Entry point of the `tend` command; see CommandLineTool.swift.
@preconcurrency import Glibc
import Foundation

// SIGPIPE would kill the process when a client goes away mid-response; errors are handled instead.
signal(SIGPIPE, SIG_IGN)
setvbuf(stdout, nil, _IOLBF, 0)
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
