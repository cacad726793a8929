/// What a user does in an organization; it decides what they may see (see `AccessPolicy`).
public enum Role: String, Sendable, CaseIterable, Codable {
    case admin
    case supervisor
    case careManager = "care_manager"
    case chw
    case analyst
    case partner

    /// The label shown to people.
    public var title: String {
        switch self {
        case .admin: "Administrator"
        case .supervisor: "Supervisor"
        case .careManager: "Care manager"
        case .chw: "Community health worker"
        case .analyst: "Analyst"
        case .partner: "Partner organization"
        }
    }

    /// Roles that work with individual patients (read and write charts of patients in scope).
    public var worksWithPatients: Bool {
        switch self {
        case .admin, .supervisor, .careManager, .chw: true
        case .analyst, .partner: false
        }
    }
}
