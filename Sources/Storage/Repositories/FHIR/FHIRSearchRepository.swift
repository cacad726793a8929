/// One condition of a FHIR search, already parsed and checked by the caller.
public enum FHIRSearchCondition: Sendable, Equatable {
    /// Resources in this patient's compartment (the patient's FHIR id).
    case patient(String)
    /// An identifier or code in `fhir_tokens`; `system` nil matches any system, "" only codes without one.
    case token(param: String, system: String?, value: String)
    /// Patient name: every word is a prefix of the normalized family, given or preferred name.
    case nameWords([String])
    /// Patient birth date (YYYY-MM-DD text) within `[from, before)`; either bound may be open.
    case birthDate(from: String?, before: String?)
    /// Patient administrative gender as the registry stores it (female, male, other, unknown).
    case gender(String)
    /// A column of the type's modeled table equals `value` (e.g. `class_code`, `status`, `clinical_status`).
    case modeled(column: ModeledColumn, value: String)
    /// The type's date (encounter start, observation effective time) within `[from, before)` seconds.
    case date(from: Double?, before: Double?)
}

/// The modeled-table columns a search may filter on (a closed list: no SQL from outside).
public enum ModeledColumn: String, Sendable {
    case classCode = "class_code"
    case status
    case clinicalStatus = "clinical_status"
}

/// One page of search results.
public struct FHIRSearchPage: Sendable {
    /// How many resources match in all (counted with the same filter and index).
    public let total: Int
    public let resources: [StoredResource]
    /// The keyset position after the last resource of this page, when more follow.
    public let nextAfter: Int64?
}

/// FHIR searches over the store: joins the search-index and modeled tables, filters tenancy and the
/// caller's patient scope, pages by keyset on the resource row.
public struct FHIRSearchRepository {
    let connection: Connection

    /// Wraps a connection.
    public init(_ connection: Connection) { self.connection = connection }

    /// The modeled table joined for each searchable type, and its date column.
    static let modeledTables: [String: (table: String, typeFilter: Bool, dateColumn: String?)] = [
        "Condition": ("clinical_conditions", false, "onset_at"),
        "Encounter": ("clinical_encounters", false, "start_at"),
        "Observation": ("clinical_observations", false, "effective_at"),
        "MedicationRequest": ("clinical_medications", true, "date_at"),
    ]

    /// Searches `resourceType` in one organization, within `scope`, `count` per page after keyset `after`.
    public func search(organizationID: Int64, resourceType: String, scope: PatientRepository.Scope, conditions: [FHIRSearchCondition],
                       count: Int, after: Int64?) throws -> FHIRSearchPage {
        var joins = "JOIN patients p ON p.organization_id = r.organization_id AND p.public_id = r.patient_id"
        var joinArguments: [any SQLConvertible] = []
        if case .careTeam(let userID) = scope {
            joins += " JOIN care_team_members c ON c.patient_id = p.id AND c.user_id = ? AND c.ended_at IS NULL"
            joinArguments.append(userID)
        }
        let modeled = Self.modeledTables[resourceType]
        if let modeled {
            joins += " JOIN \(modeled.table) x ON x.organization_id = r.organization_id AND x.id = r.id"
            if modeled.typeFilter { joins += " AND x.resource_type = r.resource_type" }
        }
        var filters = ["r.organization_id = ?", "r.resource_type = ?"]
        var arguments: [any SQLConvertible] = [organizationID, resourceType]
        for condition in conditions {
            switch condition {
            case .patient(let id):
                filters.append("r.patient_id = ?")
                arguments.append(id)
            case let .token(param, system, value):
                var sql = "EXISTS (SELECT 1 FROM fhir_tokens t WHERE t.organization_id = r.organization_id AND t.resource_type = r.resource_type"
                    + " AND t.param = ? AND t.value = ? AND t.resource_id = r.id"
                arguments.append(contentsOf: [param, value] as [any SQLConvertible])
                if let system {
                    sql += " AND t.system = ?"
                    arguments.append(system)
                }
                filters.append(sql + ")")
            case .nameWords(let words):
                for word in words {
                    filters.append("((p.family_key >= ? AND p.family_key < ?) OR (p.given_key >= ? AND p.given_key < ?) OR (p.preferred_key >= ? AND p.preferred_key < ?))")
                    let upper = word + "\u{10FFFF}"
                    arguments.append(contentsOf: [word, upper, word, upper, word, upper] as [any SQLConvertible])
                }
            case let .birthDate(from, before):
                if let from { filters.append("p.birth_date >= ?"); arguments.append(from) }
                if let before { filters.append("p.birth_date < ?"); arguments.append(before) }
            case .gender(let gender):
                filters.append("p.sex = ?")
                arguments.append(gender)
            case let .modeled(column, value):
                guard modeled != nil else { throw StorageError.misuse("\(resourceType) has no modeled table to filter on \(column.rawValue)") }
                filters.append("x.\(column.rawValue) = ?")
                arguments.append(value)
            case let .date(from, before):
                guard let column = modeled?.dateColumn else { throw StorageError.misuse("\(resourceType) has no searchable date") }
                if let from { filters.append("x.\(column) >= ?"); arguments.append(from) }
                if let before { filters.append("x.\(column) < ?"); arguments.append(before) }
            }
        }
        let from = "FROM fhir_resources r \(joins) WHERE \(filters.joined(separator: " AND "))"
        let total = try connection.scalar("SELECT COUNT(*) \(from)", joinArguments + arguments)
        var pageArguments = joinArguments + arguments
        var pageFrom = from
        if let after {
            pageFrom += " AND r.row_id > ?"
            pageArguments.append(after)
        }
        pageArguments.append(count + 1)
        let rows = try connection.query("""
            SELECT r.resource_type, r.id, r.patient_id, r.version, r.last_updated, r.content, r.row_id \(pageFrom) ORDER BY r.row_id LIMIT ?
            """, pageArguments)
        let page = rows.prefix(count)
        return FHIRSearchPage(total: Int(total.int64Value ?? 0), resources: try page.map { try StoredResource($0, connection) },
                              nextAfter: rows.count > count ? page.last?.int(6) : nil)
    }
}
