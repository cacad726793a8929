import CareCore
import Foundation
import Storage

/// The one place that decides whether a user may see a patient. Built on `AccessRules`, it adds
/// what only the database knows: the patient's organization, care-team links and break-glass grants.
public struct AccessPolicy: Sendable {
    /// The outcome of looking a patient up for a user.
    public enum Lookup {
        /// The patient exists and the user may access it.
        case allowed(PatientRecord)
        /// The patient exists in the user's organization but is outside their scope.
        case outOfScope(PatientRecord)
        /// No such patient in the user's organization (another organization's patients land here too).
        case missing
    }

    /// Finds a patient by public id and decides access, without ever reading another organization's rows.
    public func lookUp(patientID: String, for principal: Principal, now: Date, on connection: Connection) throws -> Lookup {
        guard let record = try PatientRepository(connection).find(organizationID: principal.organizationID, publicID: patientID) else {
            return .missing
        }
        return try decide(record, for: principal, now: now, on: connection) ? .allowed(record) : .outOfScope(record)
    }

    /// Whether the user may read and write this (same-organization) patient's chart.
    public func decide(_ record: PatientRecord, for principal: Principal, now: Date, on connection: Connection) throws -> Bool {
        let sameOrganization = record.organizationID == principal.organizationID
        let careTeams = CareTeamRepository(connection)
        var relationship = AccessRules.Relationship(sameOrganization: sameOrganization, onCareTeam: false, hasBreakGlassGrant: false)
        if sameOrganization && !AccessRules.seesWholeOrganization(principal.role) && principal.role.worksWithPatients {
            relationship.onCareTeam = try careTeams.isMember(userID: principal.userID, patientRowID: record.rowID)
            if !relationship.onCareTeam {
                relationship.hasBreakGlassGrant = try careTeams.hasActiveGrant(userID: principal.userID, patientRowID: record.rowID,
                                                                              now: now.timeIntervalSince1970)
            }
        }
        return AccessRules.canAccessPatient(principal.role, relationship)
    }

    /// The slice of the registry a user's searches run over; nil when the role has no registry at all.
    public func searchScope(for principal: Principal) -> PatientRepository.Scope? {
        guard AccessRules.canUseRegistry(principal.role) else { return nil }
        return AccessRules.seesWholeOrganization(principal.role) ? .organization : .careTeam(userID: principal.userID)
    }
}
