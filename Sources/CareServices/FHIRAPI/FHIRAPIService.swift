import CareCore
import Foundation
import Storage

/// The FHIR R4 read and search API's use cases: same access rules and audit as the rest of Tend.
///
/// A resource in a patient's compartment exists for a user only if that patient does (care team,
/// break-glass, or a supervisor's whole organization); otherwise it is `notFound`, like the chart.
/// Searches run over the user's patient scope only. Every read and search writes an audit row.
public struct FHIRAPIService: Sendable {
    let environment: ServiceEnvironment

    /// Reads one resource by type and id.
    public func read(resourceType: String, id: String, by context: RequestContext) throws -> StoredResource {
        let env = environment
        let p = context.principal
        return try env.transaction { conn in
            guard AccessRules.canUseRegistry(p.role) else {
                try env.audit.record(.patientRead, .denied, by: context, resourceType: resourceType, resourceID: id, detail: "fhir read: role", on: conn)
                return .failure(.forbidden("your role has no access to patient records"))
            }
            let found = try FHIRResourceRepository(conn).find(organizationID: p.organizationID, resourceType: resourceType, id: id)
            guard let resource = found else {
                try env.audit.record(.patientRead, .failure, by: context, resourceType: resourceType, resourceID: id, detail: "fhir read: no such resource", on: conn)
                return .failure(.notFound("\(resourceType)/\(id) not found"))
            }
            if let patientID = resource.patientID {
                guard case .allowed = try env.policy.lookUp(patientID: patientID, for: p, now: env.clock.now(), on: conn) else {
                    try env.audit.record(.patientRead, .denied, by: context, patientID: patientID, resourceType: resourceType, resourceID: id,
                                         detail: "fhir read: out of scope", on: conn)
                    return .failure(.notFound("\(resourceType)/\(id) not found"))
                }
            } else if !Self.sharedTypes.contains(resourceType) && !AccessRules.seesWholeOrganization(p.role) {
                // A clinical resource whose patient Tend could not tell (e.g. an Appointment naming the
                // patient only as a participant) may belong to anyone: only whole-organization roles see it.
                try env.audit.record(.patientRead, .denied, by: context, resourceType: resourceType, resourceID: id,
                                     detail: "fhir read: no patient link, outside care-team scope", on: conn)
                return .failure(.notFound("\(resourceType)/\(id) not found"))
            }
            try env.audit.record(.patientRead, by: context, patientID: resource.patientID ?? "", resourceType: resourceType, resourceID: id,
                                 detail: "fhir read", on: conn)
            return .success(resource)
        }
    }

    /// Resource types about the organization rather than one patient, readable by every registry role.
    static let sharedTypes: Set<String> = ["Organization", "Practitioner", "PractitionerRole", "Location", "Medication",
                                           "HealthcareService", "Endpoint", "Device", "Substance", "Questionnaire", "ValueSet", "CodeSystem"]

    /// Searches `resourceType` with already-parsed parameters, within the user's scope.
    public func search(resourceType: String, _ query: FHIRSearchParameters.Parsed, queryText: String, by context: RequestContext) throws -> FHIRSearchPage {
        let env = environment
        let p = context.principal
        return try env.transaction { conn in
            guard let scope = env.policy.searchScope(for: p) else {
                try env.audit.record(.patientSearch, .denied, by: context, resourceType: resourceType, detail: "fhir search: role", on: conn)
                return .failure(.forbidden("your role has no access to the patient registry"))
            }
            let page = try FHIRSearchRepository(conn).search(organizationID: p.organizationID, resourceType: resourceType, scope: scope,
                                                             conditions: query.conditions, count: query.count, after: query.after)
            try env.audit.record(.patientSearch, by: context, resourceType: resourceType,
                                 detail: "fhir \(resourceType)?\(queryText) total=\(page.total) results=" + page.resources.map(\.id).joined(separator: ","), on: conn)
            return .success(page)
        }
    }
}

extension FHIRAPIService {
    /// Writes the FHIR Patient resource of every registry patient that has none (databases from
    /// before registry patients had one); returns how many. An operator step, run by `tend migrate`.
    public func writeMissingPatientResources() throws -> Int {
        let now = Timestamp.string(environment.clock.now())
        return try environment.database.write { try RegistryPatientResource.backfill(now: now, on: $0) }
    }
}

extension CareServices {
    /// The FHIR R4 API's use cases.
    public var fhirAPI: FHIRAPIService { FHIRAPIService(environment: environment) }
}
