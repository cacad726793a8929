import Foundation
import RiskModels
import Synchronization

/// File input and atomic, ordered output for `tend risk`.
enum RiskFileIO {
    struct Failure: Error { let message: String }

    /// The whole input: a read-only memory map of a regular file (no copy), or stdin read into memory.
    final class Input: @unchecked Sendable {  // immutable after init
        let bytes: UnsafeBufferPointer<UInt8>
        private let mapped: Bool

        private init(bytes: UnsafeBufferPointer<UInt8>, mapped: Bool) {
            self.bytes = bytes
            self.mapped = mapped
        }

        deinit {
            guard let base = bytes.baseAddress else { return }
            if mapped {
                munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
            } else {
                UnsafeMutablePointer(mutating: base).deallocate()
            }
        }

        /// Maps `path` (or reads stdin for "-").
        static func open(_ path: String) -> Result<Input, Failure> {
            if path == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(data.count, 1))
                data.copyBytes(to: copy, count: data.count)
                return .success(Input(bytes: UnsafeBufferPointer(start: copy, count: data.count), mapped: false))
            }
            let descriptor = Foundation.open(path, O_RDONLY)
            guard descriptor >= 0 else {
                return .failure(Failure(message: "cannot open \(path): \(String(cString: strerror(errno)))"))
            }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { return .failure(Failure(message: "cannot stat \(path)")) }
            let size = Int(status.st_size)
            guard size > 0 else { return .success(Input(bytes: UnsafeBufferPointer(start: nil, count: 0), mapped: true)) }
            // MAP_POPULATE maps the whole file up front: one call instead of a page fault per 4 KB.
            guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, descriptor, 0), base != MAP_FAILED else {
                return .failure(Failure(message: "cannot map \(path): \(String(cString: strerror(errno)))"))
            }
            return .success(Input(bytes: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size),
                                  mapped: true))
        }
    }

    /// One chunk's output, handed between threads under `OrderedOutput`'s lock.
    final class OutputChunk: @unchecked Sendable {
        var buffer = ByteBuffer(capacity: 1 << 21)
    }

    /// Writes chunk outputs in chunk order as they complete, to a temporary file beside the output that
    /// `commit()` renames into place (so a failed run leaves no partial output). Buffers are recycled, so
    /// memory stays at a few chunks however large the input. For stdout ("-") everything is held until
    /// `commit()`, so that a bad line still means no output at all.
    final class OrderedOutput: Sendable {
        fileprivate struct State {
            var next = 0
            var pending: [Int: OutputChunk] = [:]
            var writing = false
            var free: [OutputChunk] = []
            var writeFailed = false
        }

        private let state = Mutex(State())
        private let descriptor: Int32
        private let temporary: String?
        private let path: String

        private init(descriptor: Int32, temporary: String?, path: String) {
            self.descriptor = descriptor
            self.temporary = temporary
            self.path = path
        }

        /// Creates the temporary file for `path` (or prepares stdout for "-").
        static func create(_ path: String) -> Result<OrderedOutput, Failure> {
            if path == "-" { return .success(OrderedOutput(descriptor: 1, temporary: nil, path: path)) }
            let url = URL(fileURLWithPath: path)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                return .failure(Failure(message: "cannot create \(temporary): \(String(cString: strerror(errno)))"))
            }
            return .success(OrderedOutput(descriptor: descriptor, temporary: temporary, path: path))
        }

        /// An empty buffer for the next chunk.
        func emptyChunk() -> OutputChunk {
            let chunk = state.withLock { $0.free.popLast() } ?? OutputChunk()
            chunk.buffer.removeAll()
            return chunk
        }

        /// Hands over chunk `index`; writes it and any chunks after it that are waiting, once all before are written.
        func deliver(_ chunk: OutputChunk, index: Int) {
            let streaming = temporary != nil
            var toWrite: OutputChunk? = state.withLock { state in
                state.pending[index] = chunk
                guard streaming, !state.writing else { return nil }
                return state.takeNext()
            }
            // One thread writes at a time; the others only queue their chunks and go on scoring.
            while let chunk = toWrite {
                let ok = chunk.buffer.withUnsafeBytes(writeAll)
                toWrite = state.withLock { state in
                    if !ok { state.writeFailed = true }
                    state.free.append(chunk)
                    return state.takeNext()
                }
            }
        }

        /// Writes what is left (stdout: everything) and renames the temporary file into place.
        func commit() -> Result<Void, Failure> {
            let rest = state.withLock { state in
                var rest: [OutputChunk] = []
                while let chunk = state.pending.removeValue(forKey: state.next) { rest.append(chunk); state.next += 1 }
                return (rest, state.writeFailed || !state.pending.isEmpty)
            }
            var ok = !rest.1
            for chunk in rest.0 where ok { ok = chunk.buffer.withUnsafeBytes(writeAll) }
            guard let temporary else {
                return ok ? .success(()) : .failure(Failure(message: "cannot write to stdout"))
            }
            ok = close(descriptor) == 0 && ok
            guard ok, rename(temporary, path) == 0 else {
                unlink(temporary)
                return .failure(Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))"))
            }
            return .success(())
        }

        /// Removes the temporary file (after bad lines).
        func discard() {
            guard let temporary else { return }
            close(descriptor)
            unlink(temporary)
        }

        private func writeAll(_ raw: UnsafeRawBufferPointer) -> Bool {
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }
}

extension RiskFileIO.OrderedOutput.State {
    /// The next chunk in order if it is ready (and marks this thread as the writer), else nil.
    fileprivate mutating func takeNext() -> RiskFileIO.OutputChunk? {
        guard let chunk = pending.removeValue(forKey: next) else {
            writing = false
            return nil
        }
        next += 1
        writing = true
        return chunk
    }
}
