import CareCore
import Storage

/// Reading and verifying the audit log.
public struct AuditService: Sendable {
    let environment: ServiceEnvironment

    /// Audit rows of the caller's organization (administrators only); the reading itself is audited.
    public func list(filter: AuditFilter, by context: RequestContext) throws -> [AuditRow] {
        let env = environment
        return try env.transaction { conn in
            guard AccessRules.canReadAuditLog(context.principal.role) else {
                try env.audit.record(.auditRead, .denied, by: context, on: conn)
                return .failure(.forbidden("only administrators read the audit log"))
            }
            let rows = try AuditRepository(conn).list(organizationID: context.principal.organizationID, filter: filter)
            try env.audit.record(.auditRead, by: context,
                                 detail: "user=\(filter.username) patient=\(filter.patientID) from=\(filter.from) to=\(filter.to) rows=\(rows.count)", on: conn)
            return .success(rows)
        }
    }

    /// Checks every organization's hash chain: the number of rows checked, or the first broken row.
    public func verify() throws -> Result<Int, AuditChain.Break> {
        try environment.database.read { try AuditChain.verify(on: $0) }
    }
}
