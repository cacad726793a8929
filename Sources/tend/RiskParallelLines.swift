import Dispatch
import Foundation
import RiskModels
import Synchronization

/// Scores the lines of a JSON-lines buffer on several threads; the output keeps input order.
enum ParallelLines {
    struct LineError: Sendable {
        let line: Int
        let reason: String
    }

    struct Results {
        /// Bad lines in line order.
        let errors: [LineError]
        /// Members scored.
        let members: Int
    }

    /// What each chunk reports besides its output.
    private struct ChunkCounts {
        var errors: [(localLine: Int, reason: String)] = []
        var lines = 0
        var members = 0
    }

    /// Boxes the per-chunk slots; each worker writes only the slots of the chunk indexes it claimed.
    private final class Slots: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<ChunkCounts>
        let count: Int
        init(count: Int) {
            self.count = count
            pointer = .allocate(capacity: count)
            pointer.initialize(repeating: ChunkCounts(), count: count)
        }
        deinit {
            pointer.deinitialize(count: count)
            pointer.deallocate()
        }
    }

    /// Scores every line of `input` with `scorer` on `jobs` threads, handing each chunk's output to `output`.
    static func process(_ input: RiskFileIO.Input, jobs: Int, scorer: RiskCommands.LineScorer,
                        output: RiskFileIO.OrderedOutput) -> Results {
        let bytes = input.bytes
        // Chunks of about 1 MB (or 8 per job for small inputs), cut just after a newline.
        let chunkCount = max(1, min(max(bytes.count / (1 << 20), jobs * 8), max(1, bytes.count / 4096)))
        var bounds: [Int] = [0]
        for chunk in 1..<max(chunkCount, 1) {
            var cut = max(bytes.count * chunk / chunkCount, bounds[bounds.count - 1])
            while cut < bytes.count && bytes[cut - 1] != UInt8(ascii: "\n") { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(bytes.count)
        let cuts = bounds
        let slots = Slots(count: chunkCount)
        let next = Atomic<Int>(0)
        let workers = max(1, min(jobs, chunkCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var parser = MemberLineParser()
            var record = MemberRecord()
            while true {
                let chunk = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard chunk < chunkCount else { return }
                let out = output.emptyChunk()
                slots.pointer[chunk] = scoreChunk(input.bytes, from: cuts[chunk], to: cuts[chunk + 1], parser: &parser,
                                                  record: &record, scorer: scorer, into: &out.buffer)
                output.deliver(out, index: chunk)
            }
        }
        var errors: [LineError] = []
        var linesBefore = 0
        var members = 0
        for index in 0..<chunkCount {
            let chunk = slots.pointer[index]
            errors += chunk.errors.map { LineError(line: linesBefore + $0.localLine, reason: $0.reason) }
            linesBefore += chunk.lines
            members += chunk.members
        }
        return Results(errors: errors, members: members)
    }

    private static func scoreChunk(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                   parser: inout MemberLineParser, record: inout MemberRecord,
                                   scorer: RiskCommands.LineScorer, into out: inout ByteBuffer) -> ChunkCounts {
        var chunk = ChunkCounts()
        var lineStart = start
        while lineStart < end {
            let lineEnd = memchr(buffer.baseAddress! + lineStart, Int32(UInt8(ascii: "\n")), end - lineStart)
                .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - buffer.baseAddress! } ?? end
            chunk.lines += 1
            var contentEnd = lineEnd
            if contentEnd > lineStart && buffer[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = UnsafeBufferPointer(rebasing: buffer[lineStart..<contentEnd])
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {  // blank lines are skipped, as the oracles do
                do {
                    try parser.parse(line, into: &record)
                    scorer(record, &out)
                    chunk.members += 1
                } catch {
                    chunk.errors.append((chunk.lines, error.description))
                }
            }
            lineStart = lineEnd + 1
        }
        return chunk
    }
}
