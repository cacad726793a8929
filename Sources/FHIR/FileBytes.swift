import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The only file access in this module: reading bytes for the readers, nothing else.
public enum FileBytes {
    /// The whole content of the file at `path` (one bundle at a time, so memory is one file).
    /// Read straight into the array (no intermediate `Data` and copy: a bulk import reads ~50 MB).
    public static func read(path: String) throws(FHIRError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadableFile(path: path, reason: "not a regular file") }
        let size = max(Int(status.st_size), 0)
        var failure: Int32 = 0
        // One byte more than the size, to see the end without a second call.
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, initialized in
            var filled = 0
            while filled < buffer.count {
                let n = readFile(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                filled += n
            }
            initialized = filled
        }
        guard failure == 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(failure))) }
        guard bytes.count <= size else {
            // The file grew while being read: read it again the general way.
            do { return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) } catch {
                throw .unreadableFile(path: path, reason: error.localizedDescription)
            }
        }
        return bytes
    }

    /// Calls `body` with successive chunks of at most `size` bytes of the file at `path`.
    public static func forEachChunk(ofFileAtPath path: String, size: Int, _ body: ([UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FHIRError.unreadableFile(path: path, reason: "cannot open the file")
        }
        defer { try? handle.close() }
        while true {
            let data: Data?
            do {
                data = try handle.read(upToCount: size)
            } catch {
                throw FHIRError.unreadableFile(path: path, reason: error.localizedDescription)
            }
            guard let data, !data.isEmpty else { return }
            try body([UInt8](data))
        }
    }
}

/// `read(2)`, outside `FileBytes` (whose `read(path:)` would shadow it).
private func readFile(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    read(fd, buffer, count)
}
