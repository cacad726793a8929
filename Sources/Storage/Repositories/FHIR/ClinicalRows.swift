/// A date as the modeled tables store it: the source text and seconds since 1970 UTC.
public struct StoredDate: Sendable, Equatable {
    /// The value exactly as in the source.
    public var text: String
    /// Seconds since 1970-01-01T00:00:00Z (start of the period for partial dates).
    public var seconds: Double

    /// Creates a stored date.
    public init(text: String, seconds: Double) {
        self.text = text
        self.seconds = seconds
    }
}

/// One row of a modeled table or search index, derived from one imported resource.
public enum ClinicalRow: Sendable, Equatable {
    /// A `fhir_tokens` entry: an identifier or code, searchable by `param`.
    case token(param: String, system: String, value: String)
    /// A `clinical_conditions` row.
    case condition(patientID: String, codeSystem: String, code: String, display: String, clinicalStatus: String,
                   onset: StoredDate?, abatement: String)
    /// A `clinical_encounters` row.
    case encounter(patientID: String, status: String, classCode: String, typeDisplay: String, reasonDisplay: String,
                   dischargeDisposition: String, start: StoredDate?, end: StoredDate?)
    /// A `clinical_observations` row (one per observation, one more per component).
    case observation(id: String, patientID: String, category: String, code: String, display: String, valueNumber: Double?,
                     valueText: String, unit: String, effective: StoredDate?)
    /// A `clinical_medications` row.
    case medication(patientID: String, status: String, code: String, display: String, date: StoredDate?)
    /// A `clinical_claims` row.
    case claim(patientID: String, status: String, claimType: String, service: StoredDate?, totalText: String, total: Double?,
               currency: String, payment: Double?)
    /// A `clinical_events` row (procedures, immunizations, allergies, care plans, care teams).
    case event(patientID: String, status: String, code: String, display: String, detail: String, date: StoredDate?)
}

/// An imported resource ready to store: its identity, compartment, JSON and derived rows.
public struct ResourceToStore: Sendable {
    public var resourceType: String
    public var id: String
    /// FHIR id of the patient whose compartment holds the resource.
    public var patientID: String?
    /// Compact JSON of the resource.
    public var content: [UInt8]
    /// Modeled-table and search-index rows.
    public var rows: [ClinicalRow]

    /// Creates a resource to store.
    public init(resourceType: String, id: String, patientID: String?, content: [UInt8], rows: [ClinicalRow]) {
        self.resourceType = resourceType
        self.id = id
        self.patientID = patientID
        self.content = content
        self.rows = rows
    }
}

/// What storing a resource did.
public enum StoreOutcome: Sendable, Equatable {
    /// The resource was new.
    case inserted
    /// The resource existed with other content; it was replaced and its version bumped.
    case updated
    /// The resource existed with the same content; nothing was written.
    case unchanged
}
