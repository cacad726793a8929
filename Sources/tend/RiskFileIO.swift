import Foundation

/// Whole-file reads and atomic writes for `tend risk`.
enum RiskFileIO {
    struct Failure: Error { let message: String }

    /// Reads a file (or stdin for "-") into memory.
    static func readAll(_ path: String) -> Result<[UInt8], Failure> {
        if path == "-" {
            return .success([UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(Failure(message: "cannot open \(path): \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .failure(Failure(message: "cannot stat \(path)")) }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var total = 0
            while total < size {
                let got = read(descriptor, buffer.baseAddress! + total, size - total)
                if got < 0 { failed = true; break }
                if got == 0 { break }
                total += got
            }
            count = total
        }
        return failed ? .failure(Failure(message: "cannot read \(path)")) : .success(bytes)
    }

    /// Writes the chunks to a temporary file beside `path`, then renames it into place (or to stdout for "-").
    static func writeAtomically(_ chunks: [[UInt8]], to path: String) -> Result<Void, Failure> {
        if path == "-" {
            for chunk in chunks { FileHandle.standardOutput.write(Data(chunk)) }
            return .success(())
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            return .failure(Failure(message: "cannot create \(temporary): \(String(cString: strerror(errno)))"))
        }
        var ok = true
        for chunk in chunks where ok {
            chunk.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { ok = false; return }
                    offset += written
                }
            }
        }
        ok = close(descriptor) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return .failure(Failure(message: "cannot write \(path): \(String(cString: strerror(errno)))"))
        }
        return .success(())
    }
}
