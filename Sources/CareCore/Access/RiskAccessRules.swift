/// Who sees what of the population risk results (issue 4).
///
/// - Supervisors: the tier distribution of the organization and the list of its highest-risk patients.
/// - Care managers and CHWs: the distribution and the list of the patients on their care teams only.
/// - Analysts and administrators: the organization's distribution and counts (de-identified aggregates),
///   never a list of named patients.
/// - Partners: nothing.
/// A patient's own risk panel follows the chart (`canAccessPatient`).
extension AccessRules {
    /// Whose risk results a role sees.
    public enum RiskScope: Sendable, Equatable {
        /// The organization's aggregates and named list.
        case organization
        /// Aggregates and named list of the user's care-team patients.
        case careTeam
        /// The organization's aggregates only.
        case aggregatesOnly
    }

    /// The role's risk scope, or nil when it sees no risk results at all.
    public static func riskScope(_ role: Role) -> RiskScope? {
        switch role {
        case .supervisor: .organization
        case .careManager, .chw: .careTeam
        case .analyst, .admin: .aggregatesOnly
        case .partner: nil
        }
    }
}
