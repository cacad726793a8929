/// Who may see and do what: the pure rules behind `CareServices.AccessPolicy`.
///
/// - Care managers and community health workers see the patients whose care team they are on.
/// - Supervisors see every patient of their organization and the break-glass list.
/// - Administrators manage users, tokens and the audit log; they see patients only through break-glass.
/// - Analysts see aggregates only; partners see nothing of the registry.
/// - Nobody sees another organization's data.
/// - Break-glass: a care manager, CHW or administrator may open a patient of their own organization
///   outside their care team by giving a reason; the grant lasts `breakGlassDuration`, and is audited.
public enum AccessRules {
    /// Break-glass grants expire after one hour.
    public static let breakGlassDuration: Double = 60 * 60
    /// A break-glass reason must say something (at least this many characters).
    public static let minimumReasonLength = 10

    /// How a user relates to one patient record.
    public struct Relationship: Sendable, Equatable {
        public var sameOrganization: Bool
        public var onCareTeam: Bool
        public var hasBreakGlassGrant: Bool

        public init(sameOrganization: Bool, onCareTeam: Bool, hasBreakGlassGrant: Bool) {
            self.sameOrganization = sameOrganization
            self.onCareTeam = onCareTeam
            self.hasBreakGlassGrant = hasBreakGlassGrant
        }
    }

    /// Whether the user may read and write this patient's chart.
    public static func canAccessPatient(_ role: Role, _ relationship: Relationship) -> Bool {
        guard relationship.sameOrganization else { return false }
        switch role {
        case .supervisor: return true
        case .careManager, .chw: return relationship.onCareTeam || relationship.hasBreakGlassGrant
        case .admin: return relationship.hasBreakGlassGrant
        case .analyst, .partner: return false
        }
    }

    /// Whether the role sees every patient of its organization without a care-team link.
    public static func seesWholeOrganization(_ role: Role) -> Bool { role == .supervisor }

    /// Whether the role can search and list (its own) patients at all.
    public static func canUseRegistry(_ role: Role) -> Bool {
        switch role {
        case .supervisor, .careManager, .chw: true
        case .admin, .analyst, .partner: false
        }
    }

    /// Whether the role may create patients (the creator joins the care team).
    public static func canCreatePatient(_ role: Role) -> Bool {
        switch role {
        case .supervisor, .careManager, .chw: true
        case .admin, .analyst, .partner: false
        }
    }

    /// Whether the role may open a patient outside its care team by giving a reason.
    public static func canBreakGlass(_ role: Role) -> Bool {
        switch role {
        case .careManager, .chw, .admin: true
        case .supervisor, .analyst, .partner: false
        }
    }

    /// Whether the role may change care teams.
    public static func canManageCareTeams(_ role: Role) -> Bool { role == .supervisor || role == .admin }

    /// Whether the role may read the audit log.
    public static func canReadAuditLog(_ role: Role) -> Bool { role == .admin }

    /// Whether the role may review break-glass accesses.
    public static func canReviewBreakGlass(_ role: Role) -> Bool { role == .supervisor || role == .admin }

    /// Whether the role may manage users and API tokens.
    public static func canManageUsers(_ role: Role) -> Bool { role == .admin }

    /// Whether the role may import data (FHIR bundles) into its organization.
    public static func canImportData(_ role: Role) -> Bool { role == .admin }

    /// Whether the role may see population aggregates (counts by age band, sex, language).
    public static func canSeeAggregates(_ role: Role) -> Bool {
        switch role {
        case .analyst, .supervisor, .admin: true
        case .careManager, .chw, .partner: false
        }
    }
}
