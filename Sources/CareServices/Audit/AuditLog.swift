import CareCore
import Foundation
import Storage

/// Writes audit rows for use cases, always inside the use case's own transaction.
public struct AuditLog: Sendable {
    let clock: Clock

    /// Records an action by an authenticated user.
    public func record(_ action: AuditAction, _ outcome: AuditOutcome = .success, by context: RequestContext, patientID: String = "",
                       resourceType: String = "", resourceID: String = "", detail: String = "", on connection: Connection) throws {
        let p = context.principal
        try AuditChain.append(AuditRow(
            organizationID: p.organizationID, at: Timestamp.string(clock.now()), userID: p.userID, username: p.username, role: p.role.rawValue,
            action: action.rawValue, outcome: outcome.rawValue, patientID: patientID, resourceType: resourceType, resourceID: resourceID,
            clientAddress: context.clientAddress, requestID: context.requestID, detail: detail), on: connection)
    }

    /// Records an event with no authenticated user (a failed login), under the organization it concerns (0 when none).
    public func recordAnonymous(_ action: AuditAction, _ outcome: AuditOutcome, organizationID: Int64, userID: Int64?, username: String,
                                role: String, clientAddress: String, requestID: String, resourceType: String = "", resourceID: String = "",
                                detail: String, on connection: Connection) throws {
        try AuditChain.append(AuditRow(
            organizationID: organizationID, at: Timestamp.string(clock.now()), userID: userID, username: username, role: role,
            action: action.rawValue, outcome: outcome.rawValue, patientID: "", resourceType: resourceType, resourceID: resourceID,
            clientAddress: clientAddress, requestID: requestID, detail: detail), on: connection)
    }

    /// Records an action of the operator at the command line (no user account behind it).
    public func recordOperator(_ action: AuditAction, organizationID: Int64, resourceType: String, resourceID: String, detail: String,
                               on connection: Connection) throws {
        try recordAnonymous(action, .success, organizationID: organizationID, userID: nil, username: "operator", role: "",
                            clientAddress: "local", requestID: "cli", resourceType: resourceType, resourceID: resourceID, detail: detail, on: connection)
    }
}
