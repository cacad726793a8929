import CareCore
import Foundation
import Storage

/// Writes an organization's imported resources as FHIR Bulk Data NDJSON: one `Type.ndjson` per
/// resource type, one resource per line, exactly the stored JSON (so importing the export
/// reproduces the same records).
public struct FHIRExportService: Sendable {
    let environment: ServiceEnvironment

    /// Exports every resource of `organizationID` into `directory` (created if needed) in one
    /// consistent snapshot, streaming. Returns the number of resources per type.
    public func export(organizationID: Int64, to directory: String) throws -> [String: Int] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var counts: [String: Int] = [:]
        var current: (type: String, handle: FileHandle)?
        var buffer: [UInt8] = []
        func flush() throws {
            guard let handle = current?.handle, !buffer.isEmpty else { return }
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        defer { try? current?.handle.close() }
        try environment.database.read { conn in
            try FHIRResourceRepository(conn).forEach(organizationID: organizationID) { resource in
                if current?.type != resource.resourceType {
                    try flush()
                    try current?.handle.close()
                    let path = (directory as NSString).appendingPathComponent(resource.resourceType + ".ndjson")
                    // Owner-only: the files hold the organization's patient data.
                    guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                          let handle = FileHandle(forWritingAtPath: path) else {
                        throw ServiceError.conflict(field: "out", message: "cannot write \(path)")
                    }
                    current = (resource.resourceType, handle)
                }
                buffer += resource.content
                buffer.append(10)
                counts[resource.resourceType, default: 0] += 1
                if buffer.count >= 1 << 20 { try flush() }
            }
        }
        try flush()
        // An export discloses every record of the organization: the operator action is audited.
        try environment.database.write { conn in
            try environment.audit.recordOperator(.dataExport, organizationID: organizationID, resourceType: "Bundle", resourceID: "",
                                                 detail: "fhir export to \(directory): " + counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
                                                 on: conn)
        }
        return counts
    }

    /// The organizations that hold imported resources (to pick one when none is named).
    public func organizationsWithResources() throws -> [Int64] {
        try environment.database.read { try FHIRResourceRepository($0).organizationsWithResources() }
    }
}

extension CareServices {
    /// FHIR Bulk Data export.
    public var fhirExport: FHIRExportService { FHIRExportService(environment: environment) }
}
