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

    /// Stores `resource`: inserts it, replaces it when its content changed (version + 1), or leaves
    /// it alone when the same content is already stored, so re-importing a file changes nothing.
    public func store(_ resource: ResourceToStore, organizationID: Int64, now: String) throws -> StoreOutcome {
        // Insert first (the common case, no row to read back); on a conflict, replace only changed content.
        try connection.execute("""
            INSERT INTO fhir_resources (organization_id, resource_type, id, patient_id, last_updated, content) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (organization_id, resource_type, id) DO NOTHING
            """, [organizationID, resource.resourceType, resource.id, resource.patientID, now, resource.content])
        let outcome: StoreOutcome
        if connection.changes == 1 {
            outcome = .inserted
        } else {
            try connection.execute("""
                UPDATE fhir_resources SET content = ?, patient_id = ?, last_updated = ?, version = version + 1
                WHERE organization_id = ? AND resource_type = ? AND id = ? AND content IS NOT ?
                """, [resource.content, resource.patientID, now, organizationID, resource.resourceType, resource.id, resource.content])
            guard connection.changes == 1 else { return .unchanged }
            outcome = .updated
            try deleteDerivedRows(organizationID: organizationID, resourceType: resource.resourceType, id: resource.id)
        }
        for row in resource.rows {
            try insert(row, organizationID: organizationID, resourceType: resource.resourceType, id: resource.id)
        }
        return outcome
    }

    private func deleteDerivedRows(organizationID: Int64, resourceType: String, id: String) throws {
        try connection.execute("DELETE FROM fhir_tokens WHERE organization_id = ? AND resource_type = ? AND resource_id = ?",
                               [organizationID, resourceType, id])
        if resourceType == "Observation" {
            // Components are stored as `id#n`, so match the prefix too.
            try connection.execute("DELETE FROM clinical_observations WHERE organization_id = ? AND (id = ? OR (id >= ? AND id < ?))",
                                   [organizationID, id, id + "#", id + "$"])
            return
        }
        for (table, typed) in Self.derivedTables {
            if typed {
                try connection.execute("DELETE FROM \(table) WHERE organization_id = ? AND resource_type = ? AND id = ?", [organizationID, resourceType, id])
            } else {
                try connection.execute("DELETE FROM \(table) WHERE organization_id = ? AND id = ?", [organizationID, id])
            }
        }
    }

    private func insert(_ row: ClinicalRow, organizationID: Int64, resourceType: String, id: String) throws {
        switch row {
        case let .token(param, system, value):
            try connection.execute("""
                INSERT INTO fhir_tokens (organization_id, resource_type, param, system, value, resource_id) VALUES (?, ?, ?, ?, ?, ?)
                """, [organizationID, resourceType, param, system, value, id])
        case let .condition(patientID, codeSystem, code, display, clinicalStatus, onset, abatement):
            try connection.execute("""
                INSERT INTO clinical_conditions (organization_id, id, patient_id, code_system, code, display, clinical_status,
                    onset_text, onset_at, abatement_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [organizationID, id, patientID, codeSystem, code, display, clinicalStatus, onset?.text ?? "", onset?.seconds, abatement])
        case let .encounter(patientID, status, classCode, typeDisplay, reasonDisplay, disposition, start, end):
            try connection.execute("""
                INSERT INTO clinical_encounters (organization_id, id, patient_id, status, class_code, type_display, reason_display,
                    discharge_disposition, start_text, start_at, end_text, end_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [organizationID, id, patientID, status, classCode, typeDisplay, reasonDisplay, disposition,
                      start?.text ?? "", start?.seconds, end?.text ?? "", end?.seconds])
        case let .observation(rowID, patientID, category, code, display, number, text, unit, effective):
            try connection.execute("""
                INSERT INTO clinical_observations (organization_id, id, patient_id, category, code, display, value_number, value_text,
                    unit, effective_text, effective_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [organizationID, rowID, patientID, category, code, display, number, text, unit, effective?.text ?? "", effective?.seconds])
        case let .medication(patientID, status, code, display, date):
            try connection.execute("""
                INSERT INTO clinical_medications (organization_id, resource_type, id, patient_id, status, code, display, date_text, date_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [organizationID, resourceType, id, patientID, status, code, display, date?.text ?? "", date?.seconds])
        case let .claim(patientID, status, claimType, service, totalText, total, currency, payment):
            try connection.execute("""
                INSERT INTO clinical_claims (organization_id, resource_type, id, patient_id, status, claim_type, service_text, service_at,
                    total_text, total, currency, payment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [organizationID, resourceType, id, patientID, status, claimType, service?.text ?? "", service?.seconds,
                      totalText, total, currency, payment])
        case let .event(patientID, status, code, display, detail, date):
            try connection.execute("""
                INSERT INTO clinical_events (organization_id, resource_type, id, patient_id, status, code, display, detail, date_text, date_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [organizationID, resourceType, id, patientID, status, code, display, detail, date?.text ?? "", date?.seconds])
        }
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
        return StoredResource(row)
    }

    /// Streams every resource of an organization, by type then insertion order (for export).
    public func forEach(organizationID: Int64, _ body: (StoredResource) throws -> Void) throws {
        try connection.forEachRow("""
            SELECT resource_type, id, patient_id, version, last_updated, content FROM fhir_resources
            WHERE organization_id = ? ORDER BY resource_type, row_id
            """, [organizationID]) { row in try body(StoredResource(row)) }
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
    /// The resource's compact JSON.
    public let content: [UInt8]

    init(_ row: Row) {
        resourceType = row.string(0) ?? ""
        id = row.string(1) ?? ""
        patientID = row.string(2)
        version = Int(row.int(3) ?? 1)
        lastUpdated = row.string(4) ?? ""
        content = row.blob(5) ?? []
    }
}
