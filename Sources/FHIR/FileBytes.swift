import Foundation

/// The only file access in this module: reading bytes for the readers, nothing else.
public enum FileBytes {
    /// The whole content of the file at `path` (one bundle at a time, so memory is one file).
    public static func read(path: String) throws(FHIRError) -> [UInt8] {
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw .unreadableFile(path: path, reason: error.localizedDescription)
        }
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
