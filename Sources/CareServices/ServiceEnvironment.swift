import CareCore
import Foundation
import Security
import Storage

/// What every use case shares: the database, the clock, password hashing and the security policies.
public struct ServiceEnvironment: Sendable {
    public let database: Database
    public let clock: Clock
    public let passwordHasher: PasswordHasher
    public let sessionPolicy: SessionPolicy
    public let loginThrottle: LoginThrottle
    public let policy = AccessPolicy()
    public var audit: AuditLog { AuditLog(clock: clock) }

    public init(database: Database, clock: Clock = .system, passwordHasher: PasswordHasher = PasswordHasher(),
                sessionPolicy: SessionPolicy = .standard, loginThrottle: LoginThrottle = .standard) {
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.sessionPolicy = sessionPolicy
        self.loginThrottle = loginThrottle
    }

    /// Runs one use case in one write transaction. A `.failure` is a refusal whose audit rows must
    /// stay: the transaction commits, then the error is thrown. A thrown error rolls everything back.
    func transaction<T>(_ body: (Connection) throws -> Result<T, ServiceError>) throws -> T {
        try database.write(body).get()
    }

    /// The organization's local date today (for validating birth dates).
    func today(organizationID: Int64, on connection: Connection) throws -> LocalDate {
        let zone = try OrganizationRepository(connection).find(id: organizationID).flatMap { TimeZone(identifier: $0.timezone) } ?? TimeZone(identifier: "UTC")!
        return Timestamp.localDate(clock.now(), in: zone)
    }
}

/// All of Tend's use cases over one database.
public struct CareServices: Sendable {
    public let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    public var auth: AuthService { AuthService(environment: environment) }
    public var admin: AdminService { AdminService(environment: environment) }
    public var patients: PatientService { PatientService(environment: environment) }
    public var auditLog: AuditService { AuditService(environment: environment) }
}
