import CareServices

/// `GET /fhir/metadata`: what this server does, and nothing it does not.
enum CapabilityStatement {
    /// Types that can be read by id: every type the importer models, plus types it stores as imported JSON.
    static let readableTypes = [
        "AllergyIntolerance", "CarePlan", "CareTeam", "Claim", "Condition", "Coverage", "DiagnosticReport", "Encounter",
        "ExplanationOfBenefit", "Goal", "ImagingStudy", "Immunization", "MedicationRequest", "MedicationStatement", "Observation",
        "Organization", "Patient", "Practitioner", "Procedure",
    ]

    static let parameterTypes = ["name": "string", "birthdate": "date", "identifier": "token", "gender": "token", "patient": "reference",
                                 "code": "token", "clinical-status": "token", "class": "token", "date": "date", "status": "token"]

    static func json(at date: String) -> [UInt8] {
        let resources: [JSONWriter.Value] = readableTypes.map { type in
            var interactions: [JSONWriter.Value] = [.object([("code", .string("read"))])]
            var fields: [(String, JSONWriter.Value)] = [("type", .string(type))]
            if let parameters = FHIRSearchParameters.supported[type] {
                interactions.append(.object([("code", .string("search-type"))]))
                let params = (parameters.sorted() + ["_count"]).map { name -> JSONWriter.Value in
                    .object([("name", .string(name)), ("type", .string(name == "_count" ? "number" : parameterTypes[name] ?? "token"))])
                }
                fields.append(("searchParam", .array(params)))
            }
            fields.insert(("interaction", .array(interactions)), at: 1)
            return .object(fields)
        }
        let security: JSONWriter.Value = .object([
            ("service", .array([.object([("text", .string("Bearer token (tend token create)"))])])),
            ("description", .string("Authorization: Bearer <token>. Same access rules and audit as the JSON API: a care manager sees only their care-team patients.")),
        ])
        return JSONWriter.encode(.object([
            ("resourceType", .string("CapabilityStatement")), ("status", .string("active")), ("date", .string(date)),
            ("kind", .string("instance")), ("software", .object([("name", .string("Tend"))])),
            ("fhirVersion", .string("4.0.1")), ("format", .array([.string("json")])),
            ("rest", .array([.object([("mode", .string("server")), ("security", security), ("resource", .array(resources))])])),
        ]))
    }
}
