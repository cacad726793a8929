import CareCore
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

extension PreparedFile {
    /// Puts each bundle resource's JSON in stored form (compressed with `dictionary`), in place.
    mutating func compress(with dictionary: FHIRContentDictionary?, _ compressor: FHIRContentCompressor) {
        guard let dictionary, case .bundle(var mapped) = self else { return }
        // Drop this enum's reference first, so that `mapped` is unique and changes in place instead of
        // copying every entry (which cost a sixth of the preparing thread).
        self = .failed("")
        for index in mapped.indices {
            mapped[index].0.content = compressor.encode(mapped[index].0.content, dictionary: dictionary)
        }
        self = .bundle(mapped)
    }

    var bundleResourceCount: Int {
        if case .bundle(let mapped) = self { return mapped.count }
        return 0
    }
}

/// The preparing thread's side of content compression: uses the organization's dictionary, or
/// trains one on the first bundles of its first bulk import (holding those bundles back until then).
struct ContentCompression: Sendable {
    let service: FHIRImportService
    let organizationID: Int64
    /// Resources to learn from before training (about 1,000 gives 7× on Synthea; more adds little).
    static let trainingResources = 1000

    func prepare(_ inputs: [ImportInput], into queue: PreparedQueue) {
        let compressor = FHIRContentCompressor()
        let database = service.environment.database
        var dictionary = (try? database.read { try FHIRResourceRepository($0).latestDictionary(organizationID: organizationID) }) ?? nil
        var held: [(Int, PreparedFile)] = []
        var heldResources = 0
        var training = dictionary == nil  // collecting the first bundles to learn from
        for (index, input) in inputs.enumerated() {
            var prepared = input.prepare()
            guard training else {
                prepared.compress(with: dictionary, compressor)
                queue.put(index, prepared)
                continue
            }
            held.append((index, prepared))
            heldResources += prepared.bundleResourceCount
            if heldResources < Self.trainingResources && index < inputs.count - 1 { continue }
            // Train once per import: if this import is too small to learn from, it stays plain.
            training = false
            dictionary = train(on: held.map(\.1))
            for position in held.indices {
                var file = held[position].1
                held[position].1 = .failed("")  // hand the entries over, so compressing does not copy them
                file.compress(with: dictionary, compressor)
                queue.put(held[position].0, file)
            }
            held = []
        }
    }

    private func train(on files: [PreparedFile]) -> FHIRContentDictionary? {
        var samples: [[UInt8]] = []
        for case .bundle(let mapped) in files {
            for (resource, _, _) in mapped where samples.count < 2 * Self.trainingResources { samples.append(resource.content) }
        }
        guard samples.count >= Self.trainingResources / 4 else { return nil }
        let now = Timestamp.string(service.environment.clock.now())
        return try? service.environment.database.write { conn in
            try FHIRResourceRepository(conn).addDictionary(organizationID: organizationID, now: now) { id in
                FHIRContentCodec.trainDictionary(samples: samples, id: id)
            }
        } ?? nil
    }
}
