import CareCore
import FHIR
import Storage

/// Keeps a FHIR `Patient` resource in `fhir_resources` for every registry patient, so the FHIR API
/// and the export present the whole registry, not only imported patients.
///
/// Decision: the resource is *written* when the registry changes (create, update, demo data, and a
/// backfill for older databases), not generated at read time, so read, search, paging, ETags and
/// export all work on one store with one set of rules.
/// - A patient created in Tend gets a Patient made from the registry row (`meta.source` says so).
/// - A registry update rewrites only the elements whose registry fields changed (name, birthDate,
///   gender, telecom, address, identifier, communication); every other element, and every element of
///   an imported Patient that was not edited, stays as it was. The version goes up by one.
enum RegistryPatientResource {
    static let source = "urn:tend:registry"

    /// The elements generated from `details`, in FHIR's element order, each with the registry fields it depends on.
    private static func elements(_ details: PatientDetails) -> [(name: String, value: JSONTree?)] {
        [
            ("identifier", identifiers(details.identifiers)),
            ("name", names(details)),
            ("telecom", telecom(details)),
            ("gender", .string(details.sex.rawValue)),
            ("birthDate", .string(details.birthDate.description)),
            ("address", address(details.address)),
            ("communication", communication(details.preferredLanguage)),
        ]
    }

    /// Which elements differ between two versions of the registry details.
    private static func changedElements(from old: PatientDetails, to new: PatientDetails) -> Set<String> {
        var changed: Set<String> = []
        if old.identifiers != new.identifiers { changed.insert("identifier") }
        if old.givenName != new.givenName || old.familyName != new.familyName || old.preferredName != new.preferredName { changed.insert("name") }
        if old.phone != new.phone || old.email != new.email { changed.insert("telecom") }
        if old.sex != new.sex { changed.insert("gender") }
        if old.birthDate != new.birthDate { changed.insert("birthDate") }
        if old.address != new.address { changed.insert("address") }
        if old.preferredLanguage != new.preferredLanguage { changed.insert("communication") }
        return changed
    }

    /// A whole Patient for a registry patient. No `meta.lastUpdated`: the store keeps when the resource
    /// last changed (and an edit patches elements, not `meta`).
    static func made(id: String, details: PatientDetails) -> JSONTree {
        var members: [JSONTree.Member] = [
            .init("resourceType", .string("Patient")),
            .init("id", .string(id)),
            .init("meta", .object([.init("source", .string(source))])),
        ]
        for element in elements(details) {
            if let value = element.value { members.append(.init(element.name, value)) }
        }
        return .object(members)
    }

    /// `stored` with the elements that changed between `old` and `new` replaced (added, or removed when now empty).
    static func patched(_ stored: [UInt8], from old: PatientDetails, to new: PatientDetails) throws -> JSONTree? {
        let changed = changedElements(from: old, to: new)
        guard !changed.isEmpty else { return nil }
        guard case .object(var members) = JSONTree(try JSONDocument(bytes: stored).root) else { return nil }
        for element in elements(new) where changed.contains(element.name) {
            if let position = members.firstIndex(where: { $0.key == element.name }) {
                if let value = element.value { members[position].value = value } else { members.remove(at: position) }
            } else if let value = element.value {
                members.append(.init(element.name, value))
            }
        }
        return .object(members)
    }

    /// What to store for a Patient: its JSON and its identifier tokens, as the importer writes them.
    static func resourceToStore(id: String, json: JSONTree) -> ResourceToStore {
        var tokens: [ClinicalRow] = []
        if case .object(let members) = json, case .array(let identifiers)? = members.first(where: { $0.key == "identifier" })?.value {
            for case .object(let identifier) in identifiers {
                guard case .string(let value)? = identifier.first(where: { $0.key == "value" })?.value else { continue }
                let system: String
                if case .string(let text)? = identifier.first(where: { $0.key == "system" })?.value { system = text } else { system = "" }
                tokens.append(.token(param: "identifier", system: system, value: value))
            }
        }
        return ResourceToStore(resourceType: "Patient", id: id, patientID: id, content: json.serialized(), rows: tokens)
    }

    /// Writes the Patient resource of a registry patient just created (or found without one).
    static func storeNew(_ record: CareCore.PatientRecord, now: String, on conn: Connection) throws {
        let store = resourceToStore(id: record.id, json: made(id: record.id, details: record.details))
        _ = try FHIRResourceWriter(conn, organizationID: record.organizationID, now: now).store(store)
    }

    /// Brings the Patient resource of `record` up to date after a registry update from `old` details.
    static func storeUpdate(_ record: CareCore.PatientRecord, from old: PatientDetails, now: String, on conn: Connection) throws {
        guard let stored = try FHIRResourceRepository(conn).find(organizationID: record.organizationID, resourceType: "Patient", id: record.id) else {
            return try storeNew(record, now: now, on: conn)
        }
        guard let json = try patched(stored.content, from: old, to: record.details) else { return }
        _ = try FHIRResourceWriter(conn, organizationID: record.organizationID, now: now).store(resourceToStore(id: record.id, json: json))
    }

    /// Writes a Patient resource for every registry patient of every organization that has none
    /// (databases from before registry patients had one). Returns how many were written.
    static func backfill(now: String, on conn: Connection) throws -> Int {
        let missing = try conn.query("""
            SELECT p.organization_id, p.public_id FROM patients p
            WHERE NOT EXISTS (SELECT 1 FROM fhir_resources r WHERE r.organization_id = p.organization_id
                              AND r.resource_type = 'Patient' AND r.id = p.public_id)
            ORDER BY p.id
            """)
        let patients = PatientRepository(conn)
        var written = 0
        for row in missing {
            guard let organizationID = row.int(0), let id = row.string(1),
                  let record = try patients.find(organizationID: organizationID, publicID: id) else { continue }
            try storeNew(record, now: now, on: conn)
            written += 1
        }
        return written
    }

    // MARK: - Elements

    private static func identifiers(_ identifiers: [PatientIdentifier]) -> JSONTree? {
        guard !identifiers.isEmpty else { return nil }
        return .array(identifiers.map { identifier in
            let (system, typeCode, typeText): (String, String?, String) = switch identifier.system {
            case .mrn: ("urn:tend:identifier:mrn", "MR", "Medical record number")
            case .memberID: ("urn:tend:identifier:member-id", "MB", "Member number")
            case .medicaid: ("urn:tend:identifier:medicaid", "MA", "Medicaid number")
            case .medicare: ("http://hl7.org/fhir/sid/us-mbi", "MC", "Medicare beneficiary identifier")
            case .other: ("urn:tend:identifier:other", nil, "Other identifier")
            }
            var coding: [JSONTree.Member] = [.init("system", .string("http://terminology.hl7.org/CodeSystem/v2-0203"))]
            if let typeCode { coding.append(.init("code", .string(typeCode))) }
            return .object([
                .init("type", .object([.init("coding", .array(typeCode == nil ? [] : [.object(coding)])), .init("text", .string(typeText))])),
                .init("system", .string(system)),
                .init("value", .string(identifier.value)),
            ])
        })
    }

    private static func names(_ details: PatientDetails) -> JSONTree {
        var official: [JSONTree.Member] = [.init("use", .string("official"))]
        if !details.familyName.isEmpty { official.append(.init("family", .string(details.familyName))) }
        if !details.givenName.isEmpty { official.append(.init("given", .array([.string(details.givenName)]))) }
        var names: [JSONTree] = [.object(official)]
        if !details.preferredName.isEmpty {
            names.append(.object([.init("use", .string("usual")), .init("given", .array([.string(details.preferredName)]))]))
        }
        return .array(names)
    }

    private static func telecom(_ details: PatientDetails) -> JSONTree? {
        var points: [JSONTree] = []
        if !details.phone.isEmpty { points.append(.object([.init("system", .string("phone")), .init("value", .string(details.phone))])) }
        if !details.email.isEmpty { points.append(.object([.init("system", .string("email")), .init("value", .string(details.email))])) }
        return points.isEmpty ? nil : .array(points)
    }

    private static func address(_ address: CareCore.Address) -> JSONTree? {
        let lines = [address.line1, address.line2].filter { !$0.isEmpty }
        var members: [JSONTree.Member] = []
        if !lines.isEmpty { members.append(.init("line", .array(lines.map { .string($0) }))) }
        if !address.city.isEmpty { members.append(.init("city", .string(address.city))) }
        if !address.state.isEmpty { members.append(.init("state", .string(address.state))) }
        if !address.postalCode.isEmpty { members.append(.init("postalCode", .string(address.postalCode))) }
        return members.isEmpty ? nil : .array([.object(members)])
    }

    private static func communication(_ language: String) -> JSONTree? {
        guard !language.isEmpty else { return nil }
        var concept: [JSONTree.Member] = []
        if let tag = RegistryMapping.languageTag(language) {
            concept.append(.init("coding", .array([.object([.init("system", .string("urn:ietf:bcp:47")), .init("code", .string(tag))])])))
        }
        concept.append(.init("text", .string(language)))
        return .array([.object([.init("language", .object(concept)), .init("preferred", .bool(true))])])
    }
}
