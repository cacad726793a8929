/// What an audit row records. Raw values are stored and shown; never rename one.
public enum AuditAction: String, Sendable, CaseIterable, Codable {
    case login = "login"
    case loginFailed = "login.failed"
    case logout = "logout"
    case patientRead = "patient.read"
    case patientSearch = "patient.search"
    case patientCreate = "patient.create"
    case patientUpdate = "patient.update"
    case breakGlass = "patient.break_glass"
    case careTeamChange = "care_team.change"
    case userCreate = "user.create"
    case roleChange = "user.role_change"
    case tokenCreate = "token.create"
    case userDisable = "user.disable"
    case userEnable = "user.enable"
    case tokenRevoke = "token.revoke"
    case dataExport = "data.export"
    case auditRead = "audit.read"
    case dataImport = "data.import"
    case riskRun = "risk.run"
}

/// Whether the audited action was allowed and succeeded.
public enum AuditOutcome: String, Sendable, CaseIterable, Codable {
    case success
    case denied
    case failure
}
