import FHIR
import Storage

/// Turns one read FHIR resource into what the store keeps: its JSON, the patient compartment it
/// belongs to, and the modeled-table and search-index rows derived from its typed record.
enum ResourceMapper {
    /// The rows to store for `resource`, plus its typed record (the importer also needs Patients).
    static func map(_ resource: FHIRResource) throws(FHIRError) -> (ResourceToStore, FHIRRecord) {
        let record = try FHIRRecord(resource)
        var rows: [ClinicalRow] = []
        var patient = compartment(of: resource)
        switch record {
        case .patient(let p):
            patient = p.id
            for identifier in p.identifiers {
                if let value = identifier.value { rows.append(.token(param: "identifier", system: identifier.system ?? "", value: value)) }
            }
        case .condition(let c):
            rows += tokens("code", c.code)
            if let owner = patient {
                let coding = c.code?.codings.first
                rows.append(.condition(patientID: owner, codeSystem: coding?.system ?? "", code: coding?.code ?? "", display: display(c.code),
                                       clinicalStatus: c.clinicalStatus ?? "", onset: stored(c.onset), abatement: c.abatement?.text ?? ""))
            }
        case .encounter(let e):
            if let owner = patient {
                rows.append(.encounter(patientID: owner, status: e.status ?? "", classCode: e.classCode ?? "", typeDisplay: display(e.types.first),
                                       reasonDisplay: display(e.reasonCodes.first), dischargeDisposition: display(e.dischargeDisposition),
                                       start: stored(e.period?.start), end: stored(e.period?.end)))
            }
        case .observation(let o):
            rows += tokens("code", o.code)
            if let owner = patient { rows += observationRows(o, patient: owner) }
        case .medication(let m):
            if let owner = patient {
                rows.append(.medication(patientID: owner, status: m.status ?? "", code: m.rxNormCode ?? m.medication?.firstCode ?? "",
                                        display: display(m.medication), date: stored(m.date)))
            }
        case .claim(let c):
            if let owner = patient {
                rows.append(.claim(patientID: owner, status: c.status ?? "", claimType: c.type?.firstCode ?? "",
                                   service: stored(c.billablePeriod?.start ?? c.created), totalText: c.total?.value?.text ?? "",
                                   total: c.total?.value.flatMap { Double($0.text) }, currency: c.total?.currency ?? "",
                                   payment: c.payment?.value.flatMap { Double($0.text) }))
            }
        case .procedure(let p):
            if let owner = patient { rows.append(event(owner, p.status, p.code, "", p.performed)) }
        case .immunization(let i):
            if let owner = patient { rows.append(event(owner, i.status, i.vaccineCode, "", i.occurrence)) }
        case .allergyIntolerance(let a):
            if let owner = patient {
                let detail = ([a.criticality.map { "criticality \($0)" }] + a.categories.map { Optional($0) }).compactMap { $0 }.joined(separator: ", ")
                rows.append(event(owner, a.clinicalStatus, a.code, detail, a.recordedDate))
            }
        case .carePlan(let c):
            if let owner = patient { rows.append(event(owner, c.status, c.categories.first, "\(c.activities.count) activities", c.period?.start)) }
        case .careTeam(let t):
            if let owner = patient { rows.append(event(owner, t.status, nil, "\(t.participants.count) participants", t.period?.start)) }
        case .organization, .practitioner, .unmodeled:
            break
        }
        return (ResourceToStore(resourceType: resource.resourceType, id: resource.id, patientID: patient, content: resource.json, rows: rows), record)
    }

    /// The FHIR id of the patient a resource is about: `subject` or `patient` when it names a Patient.
    static func compartment(of resource: FHIRResource) -> String? {
        if resource.resourceType == "Patient" { return resource.id }
        for key in ["subject", "patient", "beneficiary"] {
            if let reference = resource.value[key]?["reference"]?.string, let id = patientID(inReference: reference) { return id }
        }
        return nil
    }

    /// `Patient/abc` (also `…/Patient/abc/_history/2`) → `abc`; nil for references to other types.
    static func patientID(inReference reference: String) -> String? {
        // The common form, `Patient/abc`, without splitting (this runs for every resource).
        if reference.hasPrefix("Patient/") {
            let id = reference.utf8.dropFirst(8)
            if !id.isEmpty && !id.contains(UInt8(ascii: "/")) { return String(Substring(id)) }
        }
        let parts = reference.split(separator: "/")
        guard let index = parts.lastIndex(of: "Patient"), index + 1 < parts.count else { return nil }
        return String(parts[index + 1])
    }

    private static func observationRows(_ o: ObservationRecord, patient: String) -> [ClinicalRow] {
        let category = o.categories.first?.firstCode ?? ""
        var rows: [ClinicalRow] = []
        func row(_ id: String, _ code: CodeableConcept?, _ value: ObservationValue?) -> ClinicalRow {
            let (number, text, unit) = describe(value)
            return .observation(id: id, patientID: patient, category: category, code: code?.code(in: CodeSystem.loinc) ?? code?.firstCode ?? "",
                                display: display(code), valueNumber: number, valueText: text, unit: unit, effective: stored(o.effective))
        }
        rows.append(row(o.id, o.code, o.value))
        for (index, component) in o.components.enumerated() {
            rows.append(row("\(o.id)#\(index)", component.code, component.value))
        }
        return rows
    }

    private static func describe(_ value: ObservationValue?) -> (Double?, String, String) {
        switch value {
        case .quantity(let q)?: return (q.doubleValue, q.value?.text ?? "", q.unit ?? q.code ?? "")
        case .concept(let c)?: return (nil, display(c), "")
        case .string(let s)?: return (nil, s, "")
        case .boolean(let b)?: return (nil, b ? "true" : "false", "")
        case .integer(let n)?: return (Double(n.text), n.text, "")
        case .dateTime(let d)?: return (nil, d.text, "")
        case nil: return (nil, "", "")
        }
    }

    private static func event(_ patient: String, _ status: String?, _ code: CodeableConcept?, _ detail: String, _ date: FHIRDateTime?) -> ClinicalRow {
        .event(patientID: patient, status: status ?? "", code: code?.firstCode ?? "", display: display(code), detail: detail, date: stored(date))
    }

    private static func tokens(_ param: String, _ concept: CodeableConcept?) -> [ClinicalRow] {
        (concept?.codings ?? []).compactMap { coding in coding.code.map { .token(param: param, system: coding.system ?? "", value: $0) } }
    }

    /// Text for people: the concept's text, else its first display, else its first code.
    static func display(_ concept: CodeableConcept?) -> String {
        guard let concept else { return "" }
        return concept.text ?? concept.codings.first(where: { $0.display != nil })?.display ?? concept.firstCode ?? ""
    }

    static func stored(_ date: FHIRDateTime?) -> StoredDate? {
        date.map { StoredDate(text: $0.text, seconds: $0.secondsSince1970) }
    }
}
