import CareCore
import Foundation
import Security
import Storage

/// A patient's chart header: the record and the care team around it.
public struct PatientChart: Sendable {
    public let record: PatientRecord
    public let careTeam: [CareTeamMember]
    /// True when the user sees this chart through a break-glass grant, not a care-team link.
    public let viaBreakGlass: Bool
    /// The imported clinical record (problems, encounters, medications, measures, claims), when asked for.
    public let clinical: ClinicalSummary?
}

/// What creating a patient produced: the new record, or likely duplicates to confirm first.
public enum PatientCreation: Sendable {
    case created(PatientRecord)
    case possibleDuplicates([DuplicateCandidate])
}

/// The patient registry's use cases. Each one authorizes through `AccessPolicy`, runs in one
/// transaction and writes its audit row in that same transaction.
public struct PatientService: Sendable {
    let environment: ServiceEnvironment

    /// Creates a patient. Unless `confirmedNotDuplicate`, a likely duplicate (same identifier, or same
    /// birth date and a similar name) stops the creation and is returned instead. The creator joins the care team.
    public func create(_ draft: PatientDraft, confirmedNotDuplicate: Bool = false, publicID: String? = nil,
                       by context: RequestContext) throws -> PatientCreation {
        let env = environment
        let p = context.principal
        return try env.transaction { conn in
            guard AccessRules.canCreatePatient(p.role) else {
                try env.audit.record(.patientCreate, .denied, by: context, on: conn)
                return .failure(.forbidden("your role cannot create patients"))
            }
            let details: PatientDetails
            switch draft.validated(today: try env.today(organizationID: p.organizationID, on: conn)) {
            case .success(let d): details = d
            case .failure(let f): return .failure(.invalid(f))
            }
            let repository = PatientRepository(conn)
            let found = try Self.duplicates(of: details, repository: repository, organizationID: p.organizationID, excluding: nil)
            let candidates = try found
                .map { candidate in
                    // A patient outside the user's scope is mentioned, never named.
                    if case .allowed = try env.policy.lookUp(patientID: candidate.patientID, for: p, now: env.clock.now(), on: conn) { return candidate }
                    return DuplicateCandidate(patientID: "", name: "a patient outside your care teams", birthDate: candidate.birthDate,
                                              reason: candidate.reason, sharedIdentifier: candidate.sharedIdentifier)
                }
            // A duplicate check discloses that matching patients exist: it is audited like a search,
            // with every candidate's id (also those the user is only told about, never shown).
            func auditDuplicateCheck(_ outcome: String) throws {
                try env.audit.record(.patientSearch, by: context, resourceType: "Patient",
                                     detail: "duplicate check (\(outcome)) results=" + found.map(\.patientID).joined(separator: ","), on: conn)
            }
            if let clash = candidates.first(where: { $0.sharedIdentifier != nil }) {
                // An identifier is unique per organization: this is a conflict, not a warning.
                try auditDuplicateCheck("identifier taken")
                return .failure(.conflict(field: "identifiers", message: "\(clash.reason.dropFirst(5)) already belongs to another patient"))
            }
            if !candidates.isEmpty && !confirmedNotDuplicate {
                try auditDuplicateCheck("warned")
                return .success(.possibleDuplicates(candidates))
            }
            let now = Timestamp.string(env.clock.now())
            let id = publicID ?? Self.newPublicID()
            let rowID = try repository.insert(organizationID: p.organizationID, publicID: id, details: details, now: now)
            if p.role == .careManager || p.role == .chw {
                try CareTeamRepository(conn).add(organizationID: p.organizationID, patientRowID: rowID, userID: p.userID, isLead: p.role == .careManager, now: now)
            }
            try env.audit.record(.patientCreate, by: context, patientID: id, resourceType: "Patient", resourceID: id,
                                 detail: candidates.isEmpty ? "" : "created despite possible duplicates: " + candidates.map(\.patientID).joined(separator: ","), on: conn)
            guard let record = try repository.find(organizationID: p.organizationID, publicID: id) else {
                throw RepositoryError.corruptRow("patient \(id) vanished after insert")
            }
            try RegistryPatientResource.storeNew(record, now: now, on: conn)
            return .success(.created(record))
        }
    }

    /// Reads a chart, with its clinical sections when `includingClinical`. Out-of-scope and missing
    /// patients both answer `notFound`; the attempt is audited (one row, whatever is included).
    public func chart(_ patientID: String, includingClinical: Bool = false, by context: RequestContext) throws -> PatientChart {
        try withPatient(patientID, action: .patientRead, by: context) { record, conn, viaBreakGlass in
            PatientChart(record: record, careTeam: try CareTeamRepository(conn).members(patientRowID: record.rowID), viaBreakGlass: viaBreakGlass,
                         clinical: includingClinical ? try ClinicalChartLoader.load(patientID: record.id, organizationID: record.organizationID, on: conn) : nil)
        }
    }

    /// Applies an edit to a patient's draft and stores the result when it validates.
    public func update(_ patientID: String, by context: RequestContext, expectedVersion: Int? = nil,
                       _ edit: (inout PatientDraft) -> Void) throws -> PatientRecord {
        let env = environment
        return try withPatient(patientID, action: .patientUpdate, by: context) { record, conn, _ in
            if let expectedVersion, expectedVersion != record.version {
                throw ServiceError.conflict(field: "version", message: "the patient was changed by someone else (version \(record.version)); reload and try again")
            }
            var draft = PatientDraft(record.details)
            edit(&draft)
            let details: PatientDetails
            switch draft.validated(today: try env.today(organizationID: record.organizationID, on: conn)) {
            case .success(let d): details = d
            case .failure(let f): throw ServiceError.invalid(f)
            }
            let repository = PatientRepository(conn)
            // Matched on system and value: the same value under another system is no clash (and a
            // lookup by value alone could miss the real owner, ending in a constraint error).
            let clashes = try repository.possibleDuplicates(organizationID: record.organizationID, details: details, excludingRowID: record.rowID)
            if let identifier = clashes.lazy.compactMap(\.sharedIdentifier).first {
                throw ServiceError.conflict(field: "identifiers", message: "\(identifier.system.title) \(identifier.value) already belongs to another patient")
            }
            let now = Timestamp.string(env.clock.now())
            try repository.update(record, details: details, now: now)
            guard let updated = try repository.find(organizationID: record.organizationID, publicID: record.id) else {
                throw RepositoryError.corruptRow("patient \(record.id) vanished after update")
            }
            try RegistryPatientResource.storeUpdate(updated, from: record.details, now: now, on: conn)
            return updated
        }
    }

    /// Searches the patients in the user's scope. The search and the ids it returned are audited.
    public func search(_ query: PatientQuery, by context: RequestContext) throws -> PatientPage {
        let env = environment
        return try env.transaction { conn in
            guard let scope = env.policy.searchScope(for: context.principal) else {
                try env.audit.record(.patientSearch, .denied, by: context, on: conn)
                return .failure(.forbidden("your role has no access to the patient registry"))
            }
            let page = try PatientRepository(conn).search(organizationID: context.principal.organizationID, scope: scope, query: query)
            var criteria: [String] = []
            if !query.name.isEmpty { criteria.append("name=\(query.name)") }
            if let b = query.birthDate { criteria.append("birthDate=\(b)") }
            if !query.identifier.isEmpty { criteria.append("identifier=\(query.identifier)") }
            if !query.phone.isEmpty { criteria.append("phone=\(query.phone)") }
            try env.audit.record(.patientSearch, by: context, resourceType: "Patient",
                                 detail: criteria.joined(separator: " ") + " results=" + page.patients.map(\.id).joined(separator: ","), on: conn)
            return .success(page)
        }
    }

    /// Break-glass: opens a patient of the user's organization outside their care team for
    /// `AccessRules.breakGlassDuration`, found by id or identifier, with a stated reason. Audited and
    /// listed for supervisors. Returns the patient's id.
    public func breakGlass(patient reference: String, reason rawReason: String, by context: RequestContext) throws -> String {
        let env = environment
        let p = context.principal
        let reason = rawReason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try env.transaction { conn in
            guard AccessRules.canBreakGlass(p.role) else {
                try env.audit.record(.breakGlass, .denied, by: context, detail: "role may not break glass", on: conn)
                return .failure(.forbidden("your role cannot use emergency access"))
            }
            guard reason.count >= AccessRules.minimumReasonLength, reason.count <= 1000 else {
                return .failure(.invalid(ValidationFailure([FieldError("reason", "must explain the need in \(AccessRules.minimumReasonLength) to 1000 characters")])))
            }
            let repository = PatientRepository(conn)
            let key = reference.trimmingCharacters(in: .whitespaces)
            guard let record = try repository.find(organizationID: p.organizationID, publicID: key)
                    ?? repository.find(organizationID: p.organizationID, identifierValue: key) else {
                try env.audit.record(.breakGlass, .failure, by: context, detail: "no patient matches \(key); reason: \(reason)", on: conn)
                return .failure(.notFound("no patient with id or identifier \(key)"))
            }
            let now = env.clock.now().timeIntervalSince1970
            try CareTeamRepository(conn).grantBreakGlass(organizationID: p.organizationID, userID: p.userID, patientRowID: record.rowID,
                                                         reason: reason, now: now, expiresAt: now + AccessRules.breakGlassDuration)
            try env.audit.record(.breakGlass, by: context, patientID: record.id, resourceType: "Patient", resourceID: record.id, detail: reason, on: conn)
            return .success(record.id)
        }
    }

    /// Recent break-glass accesses of the caller's organization, for supervisors and administrators.
    /// The list names patients, so reading it is audited like a search (with the patient ids shown).
    public func breakGlassLog(by context: RequestContext, limit: Int = 200) throws -> [BreakGlassRecord] {
        guard AccessRules.canReviewBreakGlass(context.principal.role) else { throw ServiceError.forbidden("only supervisors review emergency access") }
        let env = environment
        return try env.transaction { conn in
            let log = try CareTeamRepository(conn).breakGlassLog(organizationID: context.principal.organizationID, limit: limit)
            try env.audit.record(.patientSearch, by: context, resourceType: "Patient",
                                 detail: "break-glass review results=" + log.map(\.patientID).joined(separator: ","), on: conn)
            return .success(log)
        }
    }

    /// Adds a user of the same organization to a patient's care team (supervisors and administrators).
    public func addToCareTeam(_ patientID: String, username: String, asLead: Bool, by context: RequestContext) throws {
        try changeCareTeam(patientID, username: username, by: context) { repo, record, user, now in
            try repo.add(organizationID: record.organizationID, patientRowID: record.rowID, userID: user.id, isLead: asLead, now: now)
            return "added \(user.username)" + (asLead ? " as lead" : "")
        }
    }

    /// Ends a user's membership of a patient's care team.
    public func removeFromCareTeam(_ patientID: String, username: String, by context: RequestContext) throws {
        try changeCareTeam(patientID, username: username, by: context) { repo, record, user, now in
            try repo.remove(patientRowID: record.rowID, userID: user.id, now: now)
            return "removed \(user.username)"
        }
    }

    // MARK: - Shared steps

    /// Looks the patient up through the access policy, audits the attempt with `action`, and runs
    /// `body` only when allowed; out-of-scope and missing patients answer `notFound` (audited as denied).
    func withPatient<T>(_ patientID: String, action: AuditAction, by context: RequestContext,
                        _ body: (PatientRecord, Connection, Bool) throws -> T) throws -> T {
        let env = environment
        return try env.transaction { conn in
            switch try env.policy.lookUp(patientID: patientID, for: context.principal, now: env.clock.now(), on: conn) {
            case .missing:
                try env.audit.record(action, .denied, by: context, patientID: patientID, resourceType: "Patient", resourceID: patientID,
                                     detail: "no such patient", on: conn)
                return .failure(.notFound("no patient \(patientID)"))
            case .outOfScope(let record):
                try env.audit.record(action, .denied, by: context, patientID: record.id, resourceType: "Patient", resourceID: record.id,
                                     detail: "outside the user's care teams", on: conn)
                return .failure(.notFound("no patient \(patientID)"))
            case .allowed(let record):
                let onCareTeam = try CareTeamRepository(conn).isMember(userID: context.principal.userID, patientRowID: record.rowID)
                let viaBreakGlass = !AccessRules.seesWholeOrganization(context.principal.role) && !onCareTeam
                let result = try body(record, conn, viaBreakGlass)
                try env.audit.record(action, by: context, patientID: record.id, resourceType: "Patient", resourceID: record.id,
                                     detail: viaBreakGlass ? "via break-glass" : "", on: conn)
                return .success(result)
            }
        }
    }

    private func changeCareTeam(_ patientID: String, username: String, by context: RequestContext,
                                _ change: (CareTeamRepository, PatientRecord, UserRecord, String) throws -> String) throws {
        let env = environment
        guard AccessRules.canManageCareTeams(context.principal.role) else { throw ServiceError.forbidden("only supervisors change care teams") }
        try env.transaction { conn -> Result<Void, ServiceError> in
            guard let record = try PatientRepository(conn).find(organizationID: context.principal.organizationID, publicID: patientID) else {
                return .failure(.notFound("no patient \(patientID)"))
            }
            guard let user = try UserRepository(conn).find(username: username.lowercased()), user.organizationID == record.organizationID,
                  user.role.worksWithPatients else {
                return .failure(.invalid(ValidationFailure([FieldError("username", "no care manager or CHW named \(username) in this organization")])))
            }
            let what = try change(CareTeamRepository(conn), record, user, Timestamp.string(env.clock.now()))
            try env.audit.record(.careTeamChange, by: context, patientID: record.id, resourceType: "CareTeam", resourceID: record.id, detail: what, on: conn)
            return .success(())
        }
    }

    static func duplicates(of details: PatientDetails, repository: PatientRepository, organizationID: Int64, excluding: Int64?) throws -> [DuplicateCandidate] {
        try repository.possibleDuplicates(organizationID: organizationID, details: details, excludingRowID: excluding).compactMap { summary, shared in
            let name = "\(summary.familyName), \(summary.givenName)"
            if let shared { return DuplicateCandidate(patientID: summary.id, name: name, birthDate: summary.birthDate, reason: "same \(shared.system.title) \(shared.value)", sharedIdentifier: shared) }
            guard DuplicateRule.namesLookAlike(given1: details.givenName, family1: details.familyName, given2: summary.givenName, family2: summary.familyName) else {
                return nil
            }
            return DuplicateCandidate(patientID: summary.id, name: name, birthDate: summary.birthDate, reason: "same birth date and a similar name")
        }
    }

    /// A new random patient id: 128 bits, hex, in UUID layout.
    static func newPublicID() -> String {
        let hex = Hex.encode(SecureRandom.bytes(count: 16))
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-" + String(c[16..<20]) + "-" + String(c[20..<32])
    }
}

extension PatientService {
    /// Registry counts for analysts, supervisors and administrators; no patient is identified.
    public func aggregates(by context: RequestContext) throws -> RegistryAggregates {
        guard AccessRules.canSeeAggregates(context.principal.role) else { throw ServiceError.forbidden("your role cannot see population counts") }
        return try environment.database.read { try PatientRepository($0).aggregates(organizationID: context.principal.organizationID) }
    }
}
