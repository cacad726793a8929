import CareCore
import FHIR
import Storage

/// Writes the resources of one file inside the file's single transaction: the FHIR store, the
/// modeled rows, and the patient registry row of each Patient.
struct ImportWriter {
    let connection: Connection
    let organizationID: Int64
    let now: String
    private(set) var counts = ImportCounts()
    /// Hashes of the `Type/id`s seen in a streamed file, so that a repeat is an error rather than a silent
    /// overwrite. Bundles need none (the bundle reader rejects repeats); for NDJSON this keeps 8 bytes
    /// per resource instead of the ids themselves. A false repeat needs a 64-bit hash collision
    /// within one file (about 3 in 100 million for a million resources).
    private var seen: Set<Int>?
    private let resources: FHIRResourceWriter
    /// For streamed files, whose resources arrive as plain JSON: compresses them with `dictionary`.
    private let compression: (compressor: FHIRContentCompressor, dictionary: FHIRContentDictionary)?

    init(connection: Connection, organizationID: Int64, now: String, checksRepeats: Bool, compressWith dictionary: FHIRContentDictionary? = nil) {
        self.connection = connection
        self.organizationID = organizationID
        self.now = now
        self.seen = checksRepeats ? [] : nil
        self.resources = FHIRResourceWriter(connection, organizationID: organizationID, now: now)
        self.compression = dictionary.map { (FHIRContentCompressor(), $0) }
    }

    /// Stores one mapped resource.
    mutating func store(_ resource: ResourceToStore, record: FHIRRecord, location: ResourceLocation) throws {
        if seen != nil {
            var hasher = Hasher()
            hasher.combine(resource.resourceType)
            hasher.combine(resource.id)
            guard seen?.insert(hasher.finalize()).inserted == true else {
                throw ImportProblem("\(resource.resourceType)/\(resource.id) at \(location) appears twice in the file")
            }
        }
        var resource = resource
        if let compression { resource.content = compression.compressor.encode(resource.content, dictionary: compression.dictionary) }
        let outcome = try resources.store(resource)
        counts.byType[resource.resourceType, default: 0] += 1
        switch outcome {
        case .inserted: counts.inserted += 1
        case .updated: counts.updated += 1
        case .unchanged: counts.unchanged += 1; return
        }
        if case .patient(let patient) = record { try storeInRegistry(patient, location: location) }
    }

    private func storeInRegistry(_ patient: FHIR.PatientRecord, location: ResourceLocation) throws {
        let details = RegistryMapping.details(from: patient)
        let patients = PatientRepository(connection)
        do {
            if let existing = try patients.find(organizationID: organizationID, publicID: patient.id) {
                try patients.update(existing, details: details, now: now)
            } else {
                _ = try patients.insert(organizationID: organizationID, publicID: patient.id, details: details, now: now)
            }
        } catch let error as StorageError where error.isUniqueViolation {
            throw ImportProblem("Patient/\(patient.id) at \(location): its MRN \(patient.medicalRecordNumber ?? "") already belongs to another patient")
        }
    }
}

/// A reason to reject a file that is not a FHIR reading error (a clash with stored data).
struct ImportProblem: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
