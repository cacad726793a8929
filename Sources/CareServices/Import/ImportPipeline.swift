import FHIR
import Foundation
import Storage

/// A file made ready for the writer: a bundle already read, checked and mapped (done on a second
/// thread while the writer stores the previous files), or a stream the writer reads itself.
enum PreparedFile: @unchecked Sendable {
    // @unchecked: `FHIRRecord` values are Sendable; the tuples are handed from the preparing
    // thread to the writer once, through `PreparedQueue`, and never shared after.
    case bundle([(ResourceToStore, FHIRRecord, ResourceLocation)])
    case ndjson(path: String)
    case members(path: String, asOfYear: Int)
    case failed(String)
}

/// A file to import and what kind it is.
public struct ImportInput: Sendable {
    /// How to read the file.
    public enum Kind: Sendable {
        /// A Bundle, or NDJSON when the name ends in `.ndjson`.
        case fhir
        /// Claims-style members (JSON lines).
        case members(asOfYear: Int)
    }

    public let path: String
    public let kind: Kind

    /// Describes one file to import.
    public init(path: String, kind: Kind = .fhir) {
        self.path = path
        self.kind = kind
    }

    func prepare() -> PreparedFile {
        switch kind {
        case .members(let year): return .members(path: path, asOfYear: year)
        case .fhir where path.hasSuffix(".ndjson"): return .ndjson(path: path)
        case .fhir:
            do {
                return .bundle(try FHIRImportService.map(try FileBytes.read(path: path)))
            } catch {
                return .failed(FHIRImportService.describe(error))
            }
        }
    }
}

/// A bounded hand-over from the preparing thread to the writer, so at most `capacity` parsed files
/// are in memory however many files are imported.
final class PreparedQueue: @unchecked Sendable {
    // @unchecked: every field is read and written only while holding `condition`.
    private let condition = NSCondition()
    private var items: [Int: PreparedFile] = [:]
    private var nextToTake = 0
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Puts file number `index`; waits while the queue is full.
    func put(_ index: Int, _ file: PreparedFile) {
        condition.lock()
        while index >= nextToTake + capacity { condition.wait() }
        items[index] = file
        condition.broadcast()
        condition.unlock()
    }

    /// Takes file number `nextToTake`, waiting until it is ready.
    func take() -> PreparedFile {
        condition.lock()
        defer { condition.unlock() }
        while items[nextToTake] == nil { condition.wait() }
        let file = items.removeValue(forKey: nextToTake)!
        nextToTake += 1
        condition.broadcast()
        return file
    }
}
