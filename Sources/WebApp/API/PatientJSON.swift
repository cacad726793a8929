import CareCore
import Foundation

/// The patient resource of the JSON API: how `PatientRecord` reads as JSON, and how a JSON body
/// edits a `PatientDraft` (every field checked for its JSON type, errors naming the field).
enum PatientJSON {
    static func encode(_ r: PatientRecord) -> JSONWriter.Value {
        let d = r.details
        return .object([
            ("id", .string(r.id)),
            ("givenName", .string(d.givenName)),
            ("familyName", .string(d.familyName)),
            ("preferredName", .string(d.preferredName)),
            ("birthDate", .string(d.birthDate.description)),
            ("sex", .string(d.sex.rawValue)),
            ("preferredLanguage", .string(d.preferredLanguage)),
            ("interpreterNeeded", .bool(d.interpreterNeeded)),
            ("phone", .string(d.phone)),
            ("email", .string(d.email)),
            ("address", .object([("line1", .string(d.address.line1)), ("line2", .string(d.address.line2)), ("city", .string(d.address.city)),
                                 ("state", .string(d.address.state)), ("postalCode", .string(d.address.postalCode))])),
            ("identifiers", .array(d.identifiers.map { .object([("system", .string($0.system.rawValue)), ("value", .string($0.value))]) })),
            ("supportPeople", .array(d.supportPeople.map {
                .object([("name", .string($0.name)), ("relationship", .string($0.relationship)), ("phone", .string($0.phone)),
                         ("isCaregiver", .bool($0.isCaregiver)), ("notes", .string($0.notes))])
            })),
            ("priorities", .string(d.priorities)),
            ("preferredContact", d.preferredContact.map { .string($0.rawValue) } ?? .null),
            ("bestTimeToContact", .string(d.bestTimeToContact)),
            ("version", .int(r.version)),
            ("createdAt", .string(r.createdAt)),
            ("updatedAt", .string(r.updatedAt)),
        ])
    }

    static func encode(_ s: PatientSummary) -> JSONWriter.Value {
        .object([
            ("id", .string(s.id)), ("givenName", .string(s.givenName)), ("familyName", .string(s.familyName)),
            ("preferredName", .string(s.preferredName)), ("birthDate", .string(s.birthDate.description)), ("sex", .string(s.sex.rawValue)),
            ("phone", .string(s.phone)),
            ("identifiers", .array(s.identifiers.map { .object([("system", .string($0.system.rawValue)), ("value", .string($0.value))]) })),
        ])
    }

    /// Parses a request body into a JSON object; 400 for malformed JSON or a non-object.
    static func object(from body: [UInt8]) throws(APIError) -> [String: Any] {
        guard !body.isEmpty else { throw APIError(status: 400, code: "bad_json", message: "the request body is empty; send a JSON object") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw APIError(status: 400, code: "bad_json", message: "the request body is not valid JSON")
        }
        guard let object = parsed as? [String: Any] else { throw APIError(status: 400, code: "bad_json", message: "the request body must be a JSON object") }
        return object
    }

    static let knownFields: Set<String> = ["givenName", "familyName", "preferredName", "birthDate", "sex", "preferredLanguage", "interpreterNeeded",
                                           "phone", "email", "address", "identifiers", "supportPeople", "priorities", "preferredContact",
                                           "bestTimeToContact", "id", "version", "createdAt", "updatedAt"]

    /// Fields whose text may hold line breaks and tabs; every other string refuses all control characters.
    static let multilineFields: Set<String> = ["priorities", "notes"]

    /// Applies the fields present in `object` to `draft` (absent fields stay as they are: PATCH semantics).
    /// The JSON shape is checked here as `OpenAPIDocument` states it (types, exact enum values, no unknown
    /// keys, no control characters); `PatientDraft.validated` then applies the registry's rules.
    static func apply(_ object: [String: Any], to draft: inout PatientDraft) throws(APIError) {
        if let unknown = object.keys.sorted().first(where: { !knownFields.contains($0) }) {
            throw invalid(unknown, "is not a field of Patient")
        }
        func string(_ key: String, _ apply: (String) -> Void) throws(APIError) {
            guard let value = object[key] else { return }
            if value is NSNull { apply(""); return }
            apply(try text(value, field: key))
        }
        func choice(_ key: String, _ allowed: [String], _ apply: (String) -> Void) throws(APIError) {
            guard let value = object[key] else { return }
            if value is NSNull { apply(""); return }
            let s = try text(value, field: key)
            guard allowed.contains(s) else { throw invalid(key, "must be one of " + allowed.filter { !$0.isEmpty }.joined(separator: ", ")) }
            apply(s)
        }
        for key in ["id", "createdAt", "updatedAt"] { try string(key) { _ in } }
        if let value = object["version"] { _ = try version(value) }
        try string("givenName") { draft.givenName = $0 }
        try string("familyName") { draft.familyName = $0 }
        try string("preferredName") { draft.preferredName = $0 }
        try string("birthDate") { draft.birthDate = $0 }
        try choice("sex", Sex.allCases.map(\.rawValue)) { draft.sex = $0 }
        try string("preferredLanguage") { draft.preferredLanguage = $0 }
        try string("phone") { draft.phone = $0 }
        try string("email") { draft.email = $0 }
        try string("priorities") { draft.priorities = $0 }
        try choice("preferredContact", [""] + ContactMethod.allCases.map(\.rawValue)) { draft.preferredContact = $0 }
        try string("bestTimeToContact") { draft.bestTimeToContact = $0 }
        if let value = object["interpreterNeeded"] {
            guard let b = jsonBool(value) else { throw invalid("interpreterNeeded", "must be true or false") }
            draft.interpreterNeeded = b
        }
        if let value = object["address"] {
            guard let a = value as? [String: Any] else { throw invalid("address", "must be an object") }
            for key in a.keys.sorted() {
                let s = try text(a[key] as Any, field: "address.\(key)")
                switch key {
                case "line1": draft.address.line1 = s
                case "line2": draft.address.line2 = s
                case "city": draft.address.city = s
                case "state": draft.address.state = s
                case "postalCode": draft.address.postalCode = s
                default: throw invalid("address.\(key)", "is not a field of address")
                }
            }
        }
        if let value = object["identifiers"] {
            guard let list = value as? [Any] else { throw invalid("identifiers", "must be an array") }
            draft.identifiers = []
            for (i, item) in list.enumerated() {
                guard let o = item as? [String: Any], let system = o["system"] as? String, let v = o["value"] else {
                    throw invalid("identifiers[\(i)]", "must be an object with string fields system and value")
                }
                if let unknown = o.keys.sorted().first(where: { $0 != "system" && $0 != "value" }) {
                    throw invalid("identifiers[\(i)].\(unknown)", "is not a field of an identifier")
                }
                guard IdentifierSystem(rawValue: system) != nil else {
                    throw invalid("identifiers[\(i)].system", "must be one of " + IdentifierSystem.allCases.map(\.rawValue).joined(separator: ", "))
                }
                draft.identifiers.append((system, try text(v, field: "identifiers[\(i)].value")))
            }
        }
        if let value = object["supportPeople"] {
            guard let list = value as? [Any] else { throw invalid("supportPeople", "must be an array") }
            draft.supportPeople = []
            let fields: Set<String> = ["name", "relationship", "phone", "isCaregiver", "notes"]
            for (i, item) in list.enumerated() {
                guard let o = item as? [String: Any] else { throw invalid("supportPeople[\(i)]", "must be an object") }
                if let unknown = o.keys.sorted().first(where: { !fields.contains($0) }) {
                    throw invalid("supportPeople[\(i)].\(unknown)", "is not a field of a support person")
                }
                func field(_ k: String) throws(APIError) -> String {
                    guard let v = o[k] else { return "" }
                    return try text(v, field: "supportPeople[\(i)].\(k)")
                }
                let caregiver = o["isCaregiver"].map(jsonBool)
                if let caregiver, caregiver == nil { throw invalid("supportPeople[\(i)].isCaregiver", "must be true or false") }
                draft.supportPeople.append(SupportPerson(name: try field("name"), relationship: try field("relationship"), phone: try field("phone"),
                                                         isCaregiver: (caregiver ?? false) ?? false, notes: try field("notes")))
            }
        }
    }

    /// The `maxLength` of each text field in `OpenAPIDocument`, by the last part of its name. Counted
    /// as JSON Schema counts (Unicode scalars, before trimming), so that a body the document refuses
    /// is refused here too; `PatientDraft`'s own limits (characters, after trimming) then always hold.
    static let maxLengths: [String: Int] = [
        "givenName": 100, "familyName": 100, "preferredName": 100, "name": 100,
        "preferredLanguage": 200, "bestTimeToContact": 200, "relationship": 200,
        "line1": 200, "line2": 200, "city": 200, "state": 200, "postalCode": 64, "value": 64,
        "email": 254, "priorities": 4000, "notes": 4000,
    ]

    /// A JSON string without control characters (line breaks and tabs only in multi-line fields) and
    /// within its `maxLength`, checked before trimming so that the rule is the document's exactly.
    static func text(_ value: Any, field: String) throws(APIError) -> String {
        guard let s = value as? String else { throw invalid(field, "must be a string") }
        let name = field.split(separator: ".").last.map(String.init) ?? field
        if let limit = maxLengths[name], s.unicodeScalars.count > limit { throw invalid(field, "must be at most \(limit) characters") }
        let multiline = multilineFields.contains(name)
        for scalar in s.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if multiline && (scalar == "\n" || scalar == "\r" || scalar == "\t") { continue }
            throw invalid(field, "contains a control character")
        }
        return s
    }

    /// A JSON `true`/`false` (Foundation on Linux also lets the numbers 0 and 1 cast to Bool; those are refused).
    static func jsonBool(_ value: Any) -> Bool? {
        guard String(describing: type(of: value)).contains("Boolean") || type(of: value) == Bool.self else { return nil }
        return value as? Bool
    }

    /// A patient version as a client may send it: an integer from 1 to 2^53 - 1 (exact in every JSON reader).
    static func version(_ value: Any) throws(APIError) -> Int {
        guard let n = jsonInteger(value), n >= 1 else { throw invalid("version", "must be an integer from 1 to 9007199254740991") }
        return n
    }

    /// A JSON integer (not a boolean, not a number with a fraction).
    static func jsonInteger(_ value: Any) -> Int? {
        guard jsonBool(value) == nil, let number = value as? NSNumber, !(value is String) else { return nil }
        let d = number.doubleValue
        guard d.rounded() == d, abs(d) < 9_007_199_254_740_992 else { return nil }
        return Int(d)
    }

    static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(status: 422, code: "invalid_field", message: "\(field) \(message)", field: field)
    }
}
