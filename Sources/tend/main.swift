// Entry point of the `tend` command; see CommandLineTool.swift.
@preconcurrency import Glibc
import Foundation
import HTTPServer

// Before any thread exists: SIGTERM/SIGINT go to the server's signalfd, SIGPIPE is ignored.
HTTPServer.blockTerminationSignals()
setvbuf(stdout, nil, _IOLBF, 0)
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
