import CareCore
import Foundation
import Storage

/// Ending a user's access (HIPAA 164.308(a)(3)(ii)(C) termination procedures): disabling an account
/// ends its sessions and revokes its API tokens at once; revoking tokens alone keeps the account.
extension AdminService {
    /// Disables (or re-enables) a user. `by` is the administrator, or nil for the operator CLI.
    public func setDisabled(username: String, _ disabled: Bool, by context: RequestContext? = nil) throws {
        let env = environment
        try env.transaction { conn -> Result<Void, ServiceError> in
            let users = UserRepository(conn)
            guard let user = try users.find(username: username.lowercased()) else { return .failure(.notFound("no user named \(username)")) }
            if let context {
                // Another organization's user does not exist for the caller.
                guard context.principal.organizationID == user.organizationID else { return .failure(.notFound("no user named \(username)")) }
                guard AccessRules.canManageUsers(context.principal.role) else {
                    return .failure(.forbidden("only administrators disable accounts"))
                }
                if disabled && context.principal.userID == user.id { return .failure(.conflict(field: "username", message: "you cannot disable your own account")) }
            }
            try users.setDisabled(userID: user.id, disabled)
            var detail = ""
            if disabled {
                try SessionRepository(conn).deleteAll(userID: user.id)
                let revoked = try users.revokeTokens(userID: user.id, now: Timestamp.string(env.clock.now()))
                detail = "sessions ended, \(revoked) API token(s) revoked"
            }
            let action: AuditAction = disabled ? .userDisable : .userEnable
            if let context {
                try env.audit.record(action, by: context, resourceType: "User", resourceID: user.username, detail: detail, on: conn)
            } else {
                try env.audit.recordOperator(action, organizationID: user.organizationID, resourceType: "User", resourceID: user.username, detail: detail, on: conn)
            }
            return .success(())
        }
    }

    /// Revokes every API token of a user (operator CLI); returns how many were live.
    @discardableResult
    public func revokeTokens(username: String) throws -> Int {
        let env = environment
        return try env.transaction { conn in
            let users = UserRepository(conn)
            guard let user = try users.find(username: username.lowercased()) else { return .failure(.notFound("no user named \(username)")) }
            let revoked = try users.revokeTokens(userID: user.id, now: Timestamp.string(env.clock.now()))
            try env.audit.recordOperator(.tokenRevoke, organizationID: user.organizationID, resourceType: "User", resourceID: user.username,
                                         detail: "\(revoked) API token(s) revoked", on: conn)
            return .success(revoked)
        }
    }
}
