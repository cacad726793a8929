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
        let prepared: PreparedFile
        do { prepared = .bundle(try Self.map(bytes)) } catch { prepared = .failed(Self.describe(error)) }
        var reports: [ImportFileReport] = []
        importBatches(count: 1, names: [name], sizes: [bytes.count], organizationID: organizationID, actor: actor,
                      next: { prepared }, onFile: { reports.append($0) })
        return reports[0]
    }

    /// Imports files in order, each all or nothing, calling `onFile` as each is settled.
    ///
    /// Speed without giving up atomicity: a second thread reads, checks and maps the next bundles
    /// while this one writes; and several files share one transaction (one fsync), each inside its
    /// own SAVEPOINT, so a bad file rolls back alone and is never half written. A batch commits
    /// once it holds `batchResources` resources, and always at the end.
    public func importFiles(_ inputs: [ImportInput], organizationID: Int64, actor: ImportActor = .commandLine,
                            batchResources: Int = 4000, onFile: (ImportFileReport) -> Void = { _ in }) -> [ImportFileReport] {
        let queue = PreparedQueue(capacity: 4)
        let preparer = Thread {
            for (index, input) in inputs.enumerated() { queue.put(index, input.prepare()) }
        }
        preparer.start()
        let sizes = inputs.map { (try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? 0 }
        var reports: [ImportFileReport] = []
        importBatches(count: inputs.count, names: inputs.map(\.path), sizes: sizes, organizationID: organizationID, actor: actor,
                      batchResources: batchResources, next: { queue.take() }, onFile: { reports.append($0); onFile($0) })
        return reports
    }

    /// The writer's side: takes `count` prepared files from `next` and stores them in batches.
    private func importBatches(count: Int, names: [String], sizes: [Int], organizationID: Int64, actor: ImportActor,
                               batchResources: Int = 4000, next: () -> PreparedFile, onFile: (ImportFileReport) -> Void) {
        let env = environment
        var index = 0
        while index < count {
            var settled: [ImportFileReport] = []
            do {
                try env.database.write { conn in
                    var resourcesInBatch = 0
                    let now = Timestamp.string(env.clock.now())
                    while index < count && resourcesInBatch < batchResources {
                        let name = names[index], size = sizes[index]
                        index += 1
                        // Listed before storing, so that a failure of the whole batch reports this file too.
                        settled.append(ImportFileReport(file: name, bytes: size, outcome: .rejected("not stored")))
                        let outcome = try storeOne(next(), name: name, organizationID: organizationID, actor: actor, now: now, on: conn)
                        if case .imported(let counts) = outcome { resourcesInBatch += counts.total }
                        settled[settled.count - 1] = ImportFileReport(file: name, bytes: size, outcome: outcome)
                    }
                }
            } catch {
                // The batch's transaction failed (commit, I/O): nothing of it was stored.
                settled = settled.map { ImportFileReport(file: $0.file, bytes: $0.bytes, outcome: .rejected("could not be committed: \(Self.describe(error))")) }
            }
            settled.forEach(onFile)
        }
    }

    /// Stores one prepared file inside its own savepoint of the batch's transaction.
    private func storeOne(_ file: PreparedFile, name: String, organizationID: Int64, actor: ImportActor, now: String,
                          on conn: Connection) throws -> ImportOutcome {
        if case .failed(let problem) = file {
            try audit(.failure, name: name, detail: "rejected: " + problem, organizationID: organizationID, actor: actor, on: conn)
            return .rejected(problem)
        }
        try conn.execute("SAVEPOINT import_file")
        do {
            var writer = ImportWriter(connection: conn, organizationID: organizationID, now: now)
            switch file {
            case .bundle(let mapped):
                for (row, record, location) in mapped { try writer.store(row, record: record, location: location) }
            case .ndjson(let path):
                try Self.streamNDJSON(into: &writer) { feed in try FileBytes.forEachChunk(ofFileAtPath: path, size: 1 << 20, feed) }
            case .members(let path, let year):
                try Self.streamNDJSON(into: &writer) { feed in try MemberLine.forEachMember(inFileAtPath: path, asOfYear: year, feed) }
            case .failed:
                break
            }
            try audit(.success, name: name, detail: Self.summary(writer.counts), organizationID: organizationID, actor: actor, on: conn)
            try conn.execute("RELEASE import_file")
            return .imported(writer.counts)
        } catch {
            try conn.execute("ROLLBACK TO import_file")
            try conn.execute("RELEASE import_file")
            let problem = Self.describe(error)
            try audit(.failure, name: name, detail: "rejected: " + problem, organizationID: organizationID, actor: actor, on: conn)
            return .rejected(problem)
        }
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
        guard context.principal.role == .admin else {
            try environment.database.write { conn in
                try environment.audit.record(.dataImport, .denied, by: context, resourceType: "Bundle", detail: "file=\(fileName) role may not import", on: conn)
            }
            throw ServiceError.forbidden("only administrators can import data")
        }
        return importBundle(bytes, name: fileName, organizationID: context.principal.organizationID, actor: .user(context))
    }
}
