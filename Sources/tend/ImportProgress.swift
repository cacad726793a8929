@preconcurrency import Glibc
import Foundation

/// A one-line progress bar on standard error when it is a terminal: files, resources, resources/s, ETA.
/// Silent when standard error is a file or pipe (scripts and tests see only the summary).
final class ImportProgress {
    private let files: Int
    private let bytes: Int
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let started = Date()
    private var filesDone = 0
    private var bytesDone = 0
    private var lastDrawn = Date.distantPast

    init(files: Int, bytes: Int) {
        self.files = files
        self.bytes = max(bytes, 1)
    }

    var elapsed: Double { Date().timeIntervalSince(started) }

    /// Records one finished file and redraws at most ten times a second.
    func advance(bytes fileBytes: Int, resources: Int) {
        filesDone += 1
        bytesDone += fileBytes
        guard isTerminal, Date().timeIntervalSince(lastDrawn) > 0.1 || filesDone == files else { return }
        lastDrawn = Date()
        let fraction = Double(bytesDone) / Double(bytes)
        let width = 24
        let filled = min(width, Int(fraction * Double(width)))
        let rate = elapsed > 0 ? Double(resources) / elapsed : 0
        let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "\r[\(bar)] \(filesDone)/\(files) files · \(resources) resources · \(Int(rate))/s · ETA \(Int(remaining.rounded()))s "
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Clears the bar so that a message can be printed on its own line.
    func clearLine() {
        guard isTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// Ends the bar's line.
    func finish() {
        guard isTerminal, filesDone > 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
