import CareCore
import Foundation
import Storage

/// Organizations and users: what the operator CLI and the admin pages change.
public struct AdminService: Sendable {
    let environment: ServiceEnvironment

    /// Creates an organization; the time zone must be an IANA name such as `America/New_York`.
    @discardableResult
    public func createOrganization(name rawName: String, timezone: String) throws -> Int64 {
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw ServiceError.invalid(ValidationFailure([FieldError("name", "must be 1 to 200 characters")])) }
        guard TimeZone(identifier: timezone) != nil else {
            throw ServiceError.invalid(ValidationFailure([FieldError("timezone", "unknown time zone \(timezone) (use an IANA name like America/New_York)")]))
        }
        let env = environment
        return try env.transaction { conn in
            let orgs = OrganizationRepository(conn)
            if try orgs.find(name: name) != nil { return .failure(.conflict(field: "name", message: "an organization named \(name) already exists")) }
            return .success(try orgs.insert(name: name, timezone: timezone, now: Timestamp.string(env.clock.now())))
        }
    }

    /// Creates a user in an organization. `by` is the admin doing it, or nil for the operator CLI.
    @discardableResult
    public func createUser(organization: String, username rawUsername: String, displayName: String? = nil, role: Role, password: String,
                           by context: RequestContext? = nil) throws -> Int64 {
        guard let username = Username(rawUsername) else {
            throw ServiceError.invalid(ValidationFailure([FieldError("username", "must be 3 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit")]))
        }
        if let problem = PasswordRule.problem(with: password) { throw ServiceError.invalid(ValidationFailure([FieldError("password", problem)])) }
        let hash = try environment.passwordHasher.hash(password)
        let env = environment
        return try env.transaction { conn in
            guard let org = try OrganizationRepository(conn).find(name: organization) else { return .failure(.notFound("no organization named \(organization)")) }
            if let context, context.principal.organizationID != org.id || !AccessRules.canManageUsers(context.principal.role) {
                return .failure(.forbidden("only an administrator of \(organization) can add its users"))
            }
            let users = UserRepository(conn)
            if try users.find(username: username.value) != nil { return .failure(.conflict(field: "username", message: "username \(username) is taken")) }
            let id = try users.insert(organizationID: org.id, username: username.value, displayName: displayName ?? username.value, role: role,
                                      passwordHash: hash, now: Timestamp.string(env.clock.now()))
            if let context {
                try env.audit.record(.userCreate, by: context, resourceType: "User", resourceID: username.value, detail: "role=\(role.rawValue)", on: conn)
            } else {
                try env.audit.recordOperator(.userCreate, organizationID: org.id, resourceType: "User", resourceID: username.value,
                                             detail: "role=\(role.rawValue)", on: conn)
            }
            return .success(id)
        }
    }

    /// Changes a user's role; their sessions end so the new role applies at once.
    public func changeRole(username: String, to role: Role, by context: RequestContext) throws {
        let env = environment
        try env.transaction { conn -> Result<Void, ServiceError> in
            guard AccessRules.canManageUsers(context.principal.role) else { return .failure(.forbidden("only administrators change roles")) }
            let users = UserRepository(conn)
            guard let user = try users.find(username: username), user.organizationID == context.principal.organizationID else {
                return .failure(.notFound("no user named \(username)"))
            }
            try users.setRole(userID: user.id, role: role)
            try SessionRepository(conn).deleteAll(userID: user.id)
            try env.audit.record(.roleChange, by: context, resourceType: "User", resourceID: user.username,
                                 detail: "\(user.role.rawValue) -> \(role.rawValue)", on: conn)
            return .success(())
        }
    }

    /// Users of the caller's organization.
    public func users(by context: RequestContext) throws -> [UserRecord] {
        guard AccessRules.canManageUsers(context.principal.role) || AccessRules.canManageCareTeams(context.principal.role) else {
            throw ServiceError.forbidden("only administrators and supervisors list users")
        }
        return try environment.database.read { try UserRepository($0).list(organizationID: context.principal.organizationID) }
    }
}

extension AdminService {
    /// The name of the caller's organization.
    public func organizationName(by context: RequestContext) throws -> String {
        guard let org = try environment.database.read({ try OrganizationRepository($0).find(id: context.principal.organizationID) }) else {
            throw ServiceError.notFound("organization \(context.principal.organizationID) is gone")
        }
        return org.name
    }
}
