import CareCore
import FHIR
import Foundation
import Storage

/// Imports FHIR R4 bundles and Bulk Data NDJSON files into one organization.
///
/// Each file is all or nothing: it is read and checked whole (a bundle) or streamed (NDJSON) inside
/// one write transaction, and any problem rolls the file back and is reported as one line. Source
/// ids are kept as FHIR ids; storing the same content again changes nothing.
public struct FHIRImportService: Sendable {
    let environment: ServiceEnvironment

    /// The id of the organization called `name`; `notFound` when there is none.
    public func organizationID(named name: String) throws -> Int64 {
        guard let organization = try environment.database.read({ try OrganizationRepository($0).find(name: name) }) else {
            throw ServiceError.notFound("no organization named \(name)")
        }
        return organization.id
    }

    /// Imports one file: NDJSON when its name ends in `.ndjson`, otherwise a Bundle.
    public func importFile(atPath path: String, organizationID: Int64, actor: ImportActor = .commandLine) -> ImportFileReport {
        importFiles([ImportInput(path: path)], organizationID: organizationID, actor: actor)[0]
    }

    /// Imports the bytes of one Bundle (a file or an upload) named `name` in reports.
    public func importBundle(_ bytes: [UInt8], name: String, organizationID: Int64, actor: ImportActor = .commandLine) -> ImportFileReport {
        var prepared: PreparedFile
        do { prepared = .bundle(try Self.map(bytes)) } catch { prepared = .failed(Self.describe(error)) }
        let dictionary = try? environment.database.read { try FHIRResourceRepository($0).latestDictionary(organizationID: organizationID) }
        prepared.compress(with: dictionary ?? nil, FHIRContentCompressor())
        var reports: [ImportFileReport] = []
        importBatches(count: 1, names: [name], sizes: [bytes.count], organizationID: organizationID, actor: actor,
                      next: { prepared }, onFile: { reports.append($0) })
        return reports[0]
    }

    /// Imports files in order, each all or nothing, calling `onFile` as each is settled.
    ///
    /// Speed without giving up atomicity: a second thread reads, checks, maps and compresses the next
    /// bundles while this one writes each as it arrives, and consecutive bundles share one transaction
    /// (one fsync) of up to `batchResources` resources. Bundles are fully checked before the write, so a batch almost
    /// never fails; when one does (an MRN clash, an I/O error), the whole batch is rolled back and
    /// its files are written again one transaction each, so only the bad file is rejected.
    /// (SAVEPOINTs per file would do the same but cost a third of the import's CPU in SQLite's
    /// sub-journal.) NDJSON and member files stream inside a transaction of their own.
    public func importFiles(_ inputs: [ImportInput], organizationID: Int64, actor: ImportActor = .commandLine,
                            batchResources: Int = 4000, onFile: (ImportFileReport) -> Void = { _ in }) -> [ImportFileReport] {
        let queue = PreparedQueue(capacity: 4)
        let compression = ContentCompression(service: self, organizationID: organizationID)
        let preparer = Thread {
            compression.prepare(inputs, into: queue)
        }
        preparer.name = "tend-prepare"
        preparer.start()
        let sizes = inputs.map { (try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? 0 }
        var reports: [ImportFileReport] = []
        importBatches(count: inputs.count, names: inputs.map(\.path), sizes: sizes, organizationID: organizationID, actor: actor,
                      batchResources: batchResources, next: { queue.take() }, onFile: { reports.append($0); onFile($0) })
        return reports
    }

    /// One file of a batch: its prepared content and how the caller names it.
    private struct BatchItem {
        let file: PreparedFile
        let name: String
        let size: Int

        var resourceCount: Int {
            if case .bundle(let mapped) = file { return mapped.count }
            return 0
        }

        var streams: Bool {
            switch file {
            case .ndjson, .members: true
            case .bundle, .failed: false
            }
        }
    }

    /// The writer's side: takes `count` prepared files from `next` and stores them in batches.
    ///
    /// Each file is written as soon as it arrives, inside the batch's open transaction, so writing
    /// overlaps the preparation of the next files (collecting a whole batch first left the writer
    /// idle while the preparer, limited to a few files ahead, caught up). The first file of a batch
    /// is taken before the transaction opens: the preparer may need one write of its own (a new
    /// compression dictionary) before it hands over its first file.
    private func importBatches(count: Int, names: [String], sizes: [Int], organizationID: Int64, actor: ImportActor,
                               batchResources: Int = 4000, next: () -> PreparedFile, onFile: (ImportFileReport) -> Void) {
        var index = 0
        var pending: BatchItem?
        func take() -> BatchItem? {
            if let held = pending {
                pending = nil
                return held
            }
            guard index < count else { return nil }
            defer { index += 1 }
            return BatchItem(file: next(), name: names[index], size: sizes[index])
        }
        while let first = take() {
            var batch: [BatchItem] = [first]
            var outcomes: [ImportOutcome] = []
            do {
                let env = environment
                try env.database.write { conn in
                    let now = Timestamp.string(env.clock.now())
                    var resources = first.resourceCount
                    outcomes.append(try write(first, organizationID: organizationID, actor: actor, now: now, on: conn))
                    guard !first.streams else { return }
                    while resources < batchResources, let item = take() {
                        if item.streams || resources + item.resourceCount > batchResources {
                            pending = item
                            return
                        }
                        batch.append(item)
                        resources += item.resourceCount
                        outcomes.append(try write(item, organizationID: organizationID, actor: actor, now: now, on: conn))
                    }
                }
                for (item, outcome) in zip(batch, outcomes) { onFile(ImportFileReport(file: item.name, bytes: item.size, outcome: outcome)) }
                continue
            } catch {
                // Something in the batch failed: nothing of it was stored. Again, one transaction per file.
            }
            for item in batch {
                let outcome: ImportOutcome
                do {
                    let env = environment
                    outcome = try env.database.write { conn in
                        try write(item, organizationID: organizationID, actor: actor, now: Timestamp.string(env.clock.now()), on: conn)
                    }
                } catch {
                    let problem = Self.describe(error)
                    try? environment.database.write { conn in
                        try audit(.failure, name: item.name, detail: "rejected: " + problem, organizationID: organizationID, actor: actor, on: conn)
                    }
                    outcome = .rejected(problem)
                }
                onFile(ImportFileReport(file: item.name, bytes: item.size, outcome: outcome))
            }
        }
    }

    /// Stores one file on `conn` (inside the caller's transaction); throws if it fails to store.
    private func write(_ item: BatchItem, organizationID: Int64, actor: ImportActor, now: String, on conn: Connection) throws -> ImportOutcome {
        if case .failed(let problem) = item.file {
            try audit(.failure, name: item.name, detail: "rejected: " + problem, organizationID: organizationID, actor: actor, on: conn)
            return .rejected(problem)
        }
        // Bundles arrive compressed by the preparing thread; streams are compressed as they are read.
        let dictionary = item.streams ? try FHIRResourceRepository(conn).latestDictionary(organizationID: organizationID) : nil
        // NDJSON keeps a hash per resource to reject repeats; a members file checks its own (one per member).
        var checksRepeats = false
        if case .ndjson = item.file { checksRepeats = true }
        var writer = ImportWriter(connection: conn, organizationID: organizationID, now: now, checksRepeats: checksRepeats,
                                  compressWith: dictionary)
        switch item.file {
        case .bundle(let mapped):
            for (row, record, location) in mapped { try writer.store(row, record: record, location: location) }
        case .ndjson(let path):
            try Self.streamNDJSON(into: &writer) { feed in try FileBytes.forEachChunk(ofFileAtPath: path, size: 1 << 20, feed) }
        case .members(let path, let year):
            try MemberLine.store(fileAtPath: path, asOfYear: year, into: &writer)
        case .failed:
            break
        }
        try audit(.success, name: item.name, detail: Self.summary(writer.counts), organizationID: organizationID, actor: actor, on: conn)
        return .imported(writer.counts)
    }

    /// Reads, checks and maps a whole Bundle (no database needed).
    static func map(_ bytes: [UInt8]) throws(FHIRError) -> [(ResourceToStore, FHIRRecord, ResourceLocation)] {
        let bundle = try FHIRBundleReader().read(bytes)
        return try bundle.resources.map { resource throws(FHIRError) in
            let (row, record) = try ResourceMapper.map(resource)
            return (row, record, resource.location)
        }
    }

    /// Streams NDJSON chunks from `source` through the reader into `writer`.
    private static func streamNDJSON(into writer: inout ImportWriter, source: (([UInt8]) throws -> Void) throws -> Void) throws {
        var reader = NDJSONReader()
        func body(_ resource: FHIRResource) throws {
            let (row, record) = try ResourceMapper.map(resource)
            try writer.store(row, record: record, location: resource.location)
        }
        try source { chunk in try reader.read(chunk, body) }
        try reader.finish(body)
    }

    private func audit(_ outcome: AuditOutcome, name: String, detail: String, organizationID: Int64, actor: ImportActor,
                       on conn: Connection) throws {
        let file = (name as NSString).lastPathComponent
        switch actor {
        case .commandLine:
            try environment.audit.recordAnonymous(.dataImport, outcome, organizationID: organizationID, userID: nil, username: "",
                                                  role: "operator", clientAddress: "command line", requestID: "import",
                                                  detail: "file=\(file) " + detail, on: conn)
        case .user(let context):
            try environment.audit.record(.dataImport, outcome, by: context, resourceType: "Bundle", detail: "file=\(file) " + detail, on: conn)
        }
    }

    static func summary(_ counts: ImportCounts) -> String {
        "resources=\(counts.total) inserted=\(counts.inserted) updated=\(counts.updated) unchanged=\(counts.unchanged)"
    }

    /// One line for a failure, whatever its layer.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as FHIRError: return error.description
        case let error as ImportProblem: return error.description
        case let error as StorageError: return "could not be stored: \(error.message)"
        default: return "\(error)"
        }
    }
}

extension CareServices {
    /// FHIR bundle, NDJSON and member-file import.
    public var fhirImport: FHIRImportService { FHIRImportService(environment: environment) }
}

extension FHIRImportService {
    /// An administrator's upload of one Bundle into their own organization; other roles are refused (audited).
    public func importUpload(_ bytes: [UInt8], fileName: String, by context: RequestContext) throws -> ImportFileReport {
        guard AccessRules.canImportData(context.principal.role) else {
            try environment.database.write { conn in
                try environment.audit.record(.dataImport, .denied, by: context, resourceType: "Bundle", detail: "file=\(fileName) role may not import", on: conn)
            }
            throw ServiceError.forbidden("only administrators can import data")
        }
        return importBundle(bytes, name: fileName, organizationID: context.principal.organizationID, actor: .user(context))
    }
}
