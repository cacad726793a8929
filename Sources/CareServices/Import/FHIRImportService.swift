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
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if path.hasSuffix(".ndjson") {
            return importNDJSON(name: path, bytes: size, organizationID: organizationID, actor: actor) { feed in
                try FileBytes.forEachChunk(ofFileAtPath: path, size: 1 << 20, feed)
            }
        }
        do {
            return importBundle(try FileBytes.read(path: path), name: path, organizationID: organizationID, actor: actor)
        } catch {
            return reject(name: path, bytes: size, problem: Self.describe(error), organizationID: organizationID, actor: actor)
        }
    }

    /// Imports the bytes of one Bundle (a file or an upload) named `name` in reports.
    public func importBundle(_ bytes: [UInt8], name: String, organizationID: Int64, actor: ImportActor = .commandLine) -> ImportFileReport {
        // Read, check and map everything before taking the write lock: a bad bundle never opens a transaction.
        let mapped: [(ResourceToStore, FHIRRecord, ResourceLocation)]
        do {
            let bundle = try FHIRBundleReader().read(bytes)
            mapped = try bundle.resources.map { resource throws(FHIRError) in
                let (row, record) = try ResourceMapper.map(resource)
                return (row, record, resource.location)
            }
        } catch {
            return reject(name: name, bytes: bytes.count, problem: Self.describe(error), organizationID: organizationID, actor: actor)
        }
        return write(name: name, bytes: bytes.count, organizationID: organizationID, actor: actor) { writer in
            for (row, record, location) in mapped { try writer.store(row, record: record, location: location) }
        }
    }

    /// Imports NDJSON supplied in chunks by `source` (which calls its argument once per chunk),
    /// streaming inside one transaction so memory does not grow with the file.
    func importNDJSON(name: String, bytes: Int, organizationID: Int64, actor: ImportActor,
                      source: (([UInt8]) throws -> Void) throws -> Void) -> ImportFileReport {
        write(name: name, bytes: bytes, organizationID: organizationID, actor: actor) { writer in
            var reader = NDJSONReader()
            func body(_ resource: FHIRResource) throws {
                let (row, record) = try ResourceMapper.map(resource)
                try writer.store(row, record: record, location: resource.location)
            }
            try source { chunk in try reader.read(chunk, body) }
            try reader.finish(body)
        }
    }

    private func write(name: String, bytes: Int, organizationID: Int64, actor: ImportActor,
                       _ body: (inout ImportWriter) throws -> Void) -> ImportFileReport {
        let env = environment
        do {
            let counts = try env.database.write { conn -> ImportCounts in
                var writer = ImportWriter(connection: conn, organizationID: organizationID, now: Timestamp.string(env.clock.now()))
                try body(&writer)
                try audit(.success, name: name, detail: Self.summary(writer.counts), organizationID: organizationID, actor: actor, on: conn)
                return writer.counts
            }
            return ImportFileReport(file: name, bytes: bytes, outcome: .imported(counts))
        } catch {
            return reject(name: name, bytes: bytes, problem: Self.describe(error), organizationID: organizationID, actor: actor)
        }
    }

    /// Reports a rejected file and records the refusal in the audit log (nothing else was written).
    private func reject(name: String, bytes: Int, problem: String, organizationID: Int64, actor: ImportActor) -> ImportFileReport {
        try? environment.database.write { conn in
            try audit(.failure, name: name, detail: "rejected: " + problem, organizationID: organizationID, actor: actor, on: conn)
        }
        return ImportFileReport(file: name, bytes: bytes, outcome: .rejected(problem))
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
