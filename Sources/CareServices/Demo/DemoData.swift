import CareCore
import Foundation
import Storage

/// The deterministic demo: one organization, a user of every role, and a few hundred synthetic patients
/// spread over the care managers' and CHWs' care teams. The same seed always gives the same data.
public struct DemoData: Sendable {
    public static let organizationName = "Riverside Care Partners"
    public static let password = "demo-password-2026"

    /// The demo logins: (username, role, display name).
    public static let users: [(String, Role, String)] = [
        ("admin", .admin, "Alex Morgan"),
        ("supervisor", .supervisor, "Dana Whitfield"),
        ("cm.alvarez", .careManager, "Rosa Alvarez, RN"),
        ("cm.okafor", .careManager, "Chidi Okafor, LCSW"),
        ("chw.nguyen", .chw, "Linh Nguyen"),
        ("analyst", .analyst, "Sam Patel"),
        ("partner", .partner, "Westside Food Bank"),
    ]

    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    /// Loads the demo unless its organization exists; returns false when it was already there.
    @discardableResult
    public func load(patientCount: Int = 500, seed: UInt64 = 2026) throws -> Bool {
        try loadReporting(patientCount: patientCount, seed: seed) != nil
    }

    /// Loads the demo unless its organization exists (nil then): the registry, every patient's clinical
    /// record through the FHIR importer, and two risk runs.
    public func loadReporting(patientCount: Int = 500, seed: UInt64 = 2026) throws -> DemoClinicalSummary? {
        let env = environment
        if try env.database.read({ try OrganizationRepository($0).find(name: Self.organizationName) }) != nil { return nil }
        try AdminService(environment: env).createOrganization(name: Self.organizationName, timezone: "America/New_York")
        for (username, role, name) in Self.users {
            try AdminService(environment: env).createUser(organization: Self.organizationName, username: username, displayName: name,
                                                           role: role, password: Self.password)
        }
        var patients: [DemoPatient] = []
        var organizationID: Int64 = 0
        var today = LocalDate(year: 2026, month: 1, day: 1)!
        try env.database.write { conn in
            guard let org = try OrganizationRepository(conn).find(name: Self.organizationName) else { return }
            organizationID = org.id
            let users = UserRepository(conn)
            let team = try ["cm.alvarez", "cm.okafor", "chw.nguyen"].compactMap { try users.find(username: $0) }
            var random = SplitMix64(seed: seed)
            let now = Timestamp.string(env.clock.now())
            today = Timestamp.localDate(env.clock.now(), in: TimeZone(identifier: org.timezone) ?? .gmt)
            let registry = PatientRepository(conn)
            let careTeams = CareTeamRepository(conn)
            for index in 0..<patientCount {
                let details = Self.patient(index: index, today: today, random: &random)
                let publicID = String(format: "demo-%04d", index + 1)
                let rowID = try registry.insert(organizationID: org.id, publicID: publicID, details: details, now: now)
                // Every registry patient has its FHIR Patient (the /fhir API and export read the store).
                if let record = try registry.find(organizationID: org.id, publicID: publicID) {
                    try RegistryPatientResource.storeNew(record, now: now, on: conn)
                }
                patients.append(DemoPatient(id: publicID, index: index, birthDate: details.birthDate, female: details.sex == .female,
                                            memberID: details.identifiers.first { $0.system == .memberID }?.value ?? ""))
                // Care managers share the panel; the CHW joins every third patient.
                let lead = team[index % 2]
                try careTeams.add(organizationID: org.id, patientRowID: rowID, userID: lead.id, isLead: true, now: now)
                if index % 3 == 0, team.count > 2 {
                    try careTeams.add(organizationID: org.id, patientRowID: rowID, userID: team[2].id, isLead: false, now: now)
                }
            }
            try env.audit.recordOperator(.patientCreate, organizationID: org.id, resourceType: "Patient", resourceID: "",
                                         detail: "demo data: \(patientCount) synthetic patients", on: conn)
        }
        return try loadClinical(patients, organizationID: organizationID, today: today, seed: seed)
    }

    static func patient(index: Int, today: LocalDate, random: inout SplitMix64) -> PatientDetails {
        let female = random.next(2) == 0
        let given = (female ? DemoNames.femaleGiven : DemoNames.maleGiven)[random.next(DemoNames.femaleGiven.count)]
        let family = DemoNames.family[random.next(DemoNames.family.count)]
        // Care-management panels skew old: ages 22 to 94, most over 60.
        let age = random.next(10) < 7 ? 60 + random.next(35) : 22 + random.next(38)
        let birth = LocalDate(year: today.year - age - 1, month: 1 + random.next(12), day: 1 + random.next(28)) ?? today
        let language = DemoNames.languages[random.next(100) < 70 ? 0 : 1 + random.next(DemoNames.languages.count - 1)]
        let street = DemoNames.streets[random.next(DemoNames.streets.count)]
        let city = DemoNames.cities[random.next(DemoNames.cities.count)]
        let phone = "(617) 555-\(String(format: "%04d", (index * 37 + 1000) % 10000))"
        var people: [SupportPerson] = []
        if random.next(10) < 6 {
            let relation = ["daughter", "son", "spouse", "neighbor", "sister", "friend"][random.next(6)]
            let name = DemoNames.femaleGiven[random.next(DemoNames.femaleGiven.count)] + " " + family
            people.append(SupportPerson(name: name, relationship: relation, phone: "(617) 555-\(String(format: "%04d", (index * 53 + 17) % 10000))",
                                        isCaregiver: random.next(2) == 0))
        }
        return PatientDetails(
            givenName: given, familyName: family, birthDate: birth, sex: female ? .female : .male,
            preferredLanguage: language, interpreterNeeded: language != "English" && random.next(2) == 0,
            phone: phone, email: random.next(3) == 0 ? "\(given.lowercased()).\(family.lowercased())@example.org" : "",
            address: Address(line1: "\(10 + random.next(990)) \(street)", city: city.0, state: "MA", postalCode: city.1),
            identifiers: [PatientIdentifier(system: .mrn, value: String(format: "MRN%06d", 100_000 + index * 7)),
                          PatientIdentifier(system: .memberID, value: String(format: "M%08d", 20_000_000 + index * 13))],
            supportPeople: people, priorities: DemoNames.priorities[random.next(DemoNames.priorities.count)],
            preferredContact: [ContactMethod.phone, .text, .mail][random.next(3)], bestTimeToContact: ["Mornings", "Afternoons", "Evenings after 5"][random.next(3)])
    }
}

/// A small deterministic random generator (SplitMix64, Steele, Lea & Flood 2014).
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
