/// Where imported FHIR resources and their modeled rows are written. Every statement filters on
/// the organization first.
public struct FHIRResourceRepository {
    let connection: Connection

    /// Wraps a connection (inside `Database.write` for the writing methods).
    public init(_ connection: Connection) { self.connection = connection }

    /// The tables that hold rows derived from one resource, keyed by (organization, type, id).
    static let derivedTables: [(table: String, typed: Bool)] = [
        ("clinical_conditions", false), ("clinical_encounters", false), ("clinical_medications", true),
        ("clinical_claims", true), ("clinical_events", true),
    ]

    /// Stores one resource (see `FHIRResourceWriter.store`); a bulk import keeps one writer per transaction instead.
    public func store(_ resource: ResourceToStore, organizationID: Int64, now: String) throws -> StoreOutcome {
        try FHIRResourceWriter(connection, organizationID: organizationID, now: now).store(resource)
    }

    // MARK: - Content dictionaries

    /// The organization's newest content dictionary, or nil when it has none.
    public func latestDictionary(organizationID: Int64) throws -> FHIRContentDictionary? {
        guard let row = try connection.queryOne("SELECT id, content FROM fhir_dictionaries WHERE organization_id = ? ORDER BY id DESC LIMIT 1",
                                                [organizationID]),
              let id = row.int(0), let bytes = row.blob(1) else { return nil }
        return FHIRContentDictionary(id: id, bytes: bytes)
    }

    /// Trains and stores a new dictionary for the organization with `train`, which gets the new id;
    /// nil (and nothing stored) when `train` returns nil.
    public func addDictionary(organizationID: Int64, now: String, train: (Int64) -> [UInt8]?) throws -> FHIRContentDictionary? {
        let newest = try connection.scalar("SELECT MAX(id) FROM fhir_dictionaries").int64Value ?? (FHIRContentCodec.firstDictionaryID - 1)
        let id = max(newest + 1, FHIRContentCodec.firstDictionaryID)
        guard let bytes = train(id), let dictionary = FHIRContentDictionary(id: id, bytes: bytes) else { return nil }
        try connection.execute("INSERT INTO fhir_dictionaries (id, organization_id, content, created_at) VALUES (?, ?, ?, ?)",
                               [id, organizationID, bytes, now])
        return dictionary
    }

    /// Number of stored resources of each type in an organization.
    public func countsByType(organizationID: Int64) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.query("SELECT resource_type, COUNT(*) FROM fhir_resources WHERE organization_id = ? GROUP BY resource_type", [organizationID]) {
            counts[row.string(0) ?? ""] = Int(row.int(1) ?? 0)
        }
        return counts
    }

    /// Number of stored resources of each type in one patient's compartment.
    public func countsByType(organizationID: Int64, patientID: String) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.query("""
            SELECT resource_type, COUNT(*) FROM fhir_resources WHERE organization_id = ? AND patient_id = ? GROUP BY resource_type
            """, [organizationID, patientID]) {
            counts[row.string(0) ?? ""] = Int(row.int(1) ?? 0)
        }
        return counts
    }

    /// One stored resource's JSON, version and compartment, or nil.
    public func find(organizationID: Int64, resourceType: String, id: String) throws -> StoredResource? {
        guard let row = try connection.queryOne("""
            SELECT resource_type, id, patient_id, version, last_updated, content FROM fhir_resources
            WHERE organization_id = ? AND resource_type = ? AND id = ?
            """, [organizationID, resourceType, id]) else { return nil }
        return try StoredResource(row, connection)
    }

    /// Streams every resource of an organization, by type then insertion order (for export).
    public func forEach(organizationID: Int64, _ body: (StoredResource) throws -> Void) throws {
        try connection.forEachRow("""
            SELECT resource_type, id, patient_id, version, last_updated, content FROM fhir_resources
            WHERE organization_id = ? ORDER BY resource_type, row_id
            """, [organizationID]) { row in try body(try StoredResource(row, connection)) }
    }

    /// The organizations that hold imported resources.
    public func organizationsWithResources() throws -> [Int64] {
        try connection.query("SELECT DISTINCT organization_id FROM fhir_resources ORDER BY organization_id").compactMap { $0.int(0) }
    }
}

/// One stored resource as read back.
public struct StoredResource: Sendable, Equatable {
    public let resourceType: String
    public let id: String
    public let patientID: String?
    public let version: Int
    public let lastUpdated: String
    /// The resource's compact JSON (decompressed).
    public let content: [UInt8]

    /// Reads columns resource_type, id, patient_id, version, last_updated, content (stored form).
    init(_ row: Row, _ connection: Connection) throws {
        resourceType = row.string(0) ?? ""
        id = row.string(1) ?? ""
        patientID = row.string(2)
        version = Int(row.int(3) ?? 1)
        lastUpdated = row.string(4) ?? ""
        content = try connection.decodeFHIRContent(row.blob(5) ?? [])
    }

    /// A resource made by Tend rather than read from the store (e.g. for tests).
    public init(resourceType: String, id: String, patientID: String?, version: Int, lastUpdated: String, content: [UInt8]) {
        self.resourceType = resourceType
        self.id = id
        self.patientID = patientID
        self.version = version
        self.lastUpdated = lastUpdated
        self.content = content
    }
}

extension Connection {
    /// Stored `fhir_resources.content` as compact JSON (decompressed with its dictionary when compressed).
    func decodeFHIRContent(_ stored: [UInt8]) throws -> [UInt8] {
        try fhirContentDecoder.decode(stored) { id in
            try queryOne("SELECT content FROM fhir_dictionaries WHERE id = ?", [id])?.blob(0)
        }
    }

    /// The JSON of stored `fhir_resources.content` when it is compressed; nil when `stored` is already
    /// plain JSON (so a caller can read it in place without a copy).
    public func decompressedFHIRContent(_ stored: UnsafeBufferPointer<UInt8>) throws -> [UInt8]? {
        guard FHIRContentCodec.isCompressed(UnsafeRawBufferPointer(stored)) else { return nil }
        return try decodeFHIRContentBytes(Array(stored))
    }

    private func decodeFHIRContentBytes(_ stored: [UInt8]) throws -> [UInt8] {
        try fhirContentDecoder.decode(stored) { id in
            try queryOne("SELECT content FROM fhir_dictionaries WHERE id = ?", [id])?.blob(0)
        }
    }
}
