import CareCore
import Foundation
import RiskModels
import Storage

/// What `tend risk run` reports.
public struct RiskRunOutcome: Sendable {
    /// The finished run, with its counts and tier cut-offs.
    public let run: RiskRunRecord
    /// Wall time of reading, scoring and writing, tiers included.
    public let seconds: Double
}

/// Scores an organization's whole population (imported FHIR patients and members) and stores the results
/// with history: an operator action, audited as `risk.run`.
///
/// One pass, memory flat whatever the population: the calling thread reads patients in FHIR id order
/// (`PopulationReader`, one read transaction), `jobs` threads score batches of 1,024, and one thread
/// writes them in transactions of 50,000 rows. Queues between the stages are bounded. The tiers are then
/// assigned in the last transaction, with the audit row and the run's counts.
public struct RiskRunService: Sendable {
    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    static let batchSize = 1_024
    static let rowsPerTransaction = 50_000

    /// Runs the model over the organization; `progress` is called (on the writer thread) with the rows written so far.
    public func run(organizationID: Int64, parameters: RiskRunParameters,
                    progress: (@Sendable (Int) -> Void)? = nil) throws -> RiskRunOutcome {
        if let problem = parameters.problem { throw ServiceError.forbidden(problem) }
        guard let model = CMSHCCModel.model(parameters.model, paymentYear: parameters.paymentYear) else {
            throw ServiceError.forbidden("no tables for \(parameters.model.rawValue) \(parameters.paymentYear)")
        }
        let database = environment.database
        let started = Date()
        let now = Timestamp.string(environment.clock.now())
        let (runID, previousRunID) = try database.write { conn -> (Int64, Int64?) in
            guard try OrganizationRepository(conn).find(id: organizationID) != nil else { throw ServiceError.notFound("no organization \(organizationID)") }
            let previous = try RiskRunRepository(conn).latestFinished(organizationID: organizationID)?.id
            let id = try RiskRunRepository(conn).start(organizationID: organizationID, model: parameters.model.rawValue,
                                                       paymentYear: parameters.paymentYear, parameters: parameters.json,
                                                       previousRunID: previous, now: now)
            return (id, previous)
        }
        do {
            let withoutICD10 = try stream(organizationID: organizationID, runID: runID, previousRunID: previousRunID ?? 0,
                                          model: model, parameters: parameters, progress: progress)
            let sizes = try database.read { conn in
                parameters.tierSizes(population: Int(try conn.scalar("SELECT count(*) FROM risk_scores WHERE organization_id = ? AND run_id = ?",
                                                                     [organizationID, runID]).integerValue))
            }
            let finished = try database.write { conn -> RiskRunRecord in
                let runs = RiskRunRepository(conn)
                guard let run = try runs.finish(organizationID: organizationID, runID: runID, high: sizes.high, moderate: sizes.moderate,
                                                risingDelta: parameters.risingDelta, withoutICD10: withoutICD10,
                                                now: Timestamp.string(environment.clock.now())) else {
                    throw ServiceError.notFound("risk run \(runID) vanished")
                }
                try environment.audit.recordOperator(
                    .riskRun, organizationID: organizationID, resourceType: "RiskRun", resourceID: String(runID),
                    detail: "model=\(run.model) year=\(run.paymentYear) patients=\(run.patientsScored) high=\(run.highCount) "
                        + "moderate=\(run.moderateCount) rising=\(run.risingCount) parameters=\(run.parameters)", on: conn)
                return run
            }
            return RiskRunOutcome(run: finished, seconds: Date().timeIntervalSince(started))
        } catch {
            try? database.write { conn in
                try RiskRunRepository(conn).fail(organizationID: organizationID, runID: runID, now: Timestamp.string(environment.clock.now()))
                try environment.audit.recordAnonymous(.riskRun, .failure, organizationID: organizationID, userID: nil, username: "operator",
                                                      role: "", clientAddress: "local", requestID: "cli", resourceType: "RiskRun",
                                                      resourceID: String(runID), detail: "failed: \(error)", on: conn)
            }
            throw error
        }
    }

    /// Reads, scores and writes; returns how many patients had no ICD-10-CM diagnosis.
    private func stream(organizationID: Int64, runID: Int64, previousRunID: Int64, model: CMSHCCModel, parameters: RiskRunParameters,
                        progress: (@Sendable (Int) -> Void)?) throws -> Int {
        let database = environment.database
        let work = BoundedQueue<[PopulationMember]>(capacity: 2 * parameters.jobs + 2)
        let done = BoundedQueue<[ScoredRow]>(capacity: 2 * parameters.jobs + 2)
        let failure = FirstError()
        let scorer = MemberScorer(model: model, window: parameters.window, paymentYear: parameters.paymentYear)
        let finished = DispatchGroup()
        let scorersLeft = Countdown(parameters.jobs)
        let withoutICD10 = Countdown(0)

        for _ in 0..<parameters.jobs {
            finished.enter()
            Thread.detachNewThread {
                defer { finished.leave() }
                var missing = 0
                while let batch = work.pop() {
                    var rows: [ScoredRow] = []
                    rows.reserveCapacity(batch.count)
                    for member in batch {
                        let row = scorer.score(member)
                        if !row.hasICD10 { missing += 1 }
                        rows.append(row)
                    }
                    if !done.push(rows) { break }
                }
                withoutICD10.add(missing)
                if scorersLeft.decrement() == 0 { done.close() }
            }
        }
        finished.enter()
        Thread.detachNewThread {
            defer { finished.leave() }
            do {
                var written = 0
                var more = true
                while more {
                    try database.write { conn in
                        try conn.execute("PRAGMA cache_size = -131072")
                        let writer = try ScoreWriter(conn, organizationID: organizationID, runID: runID)
                        var inTransaction = 0
                        while inTransaction < Self.rowsPerTransaction {
                            guard let rows = done.pop() else { more = false; break }
                            for row in rows { try writer.insert(row) }
                            inTransaction += rows.count
                        }
                        written += inTransaction
                    }
                    progress?(written)
                }
            } catch {
                failure.record(error)
                work.cancel()
                done.cancel()
            }
        }

        do {
            try database.read { conn in
                let reader = PopulationReader(connection: conn, organizationID: organizationID, previousRunID: previousRunID,
                                              paymentYear: parameters.paymentYear,
                                              firstDay: parameters.window.first.adding(months: -6), lastDay: parameters.asOf)
                var batch: [PopulationMember] = []
                batch.reserveCapacity(Self.batchSize)
                try reader.forEachMember { member in
                    batch.append(copy member)
                    if batch.count == Self.batchSize {
                        guard work.push(batch) else { throw CancellationError() }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { work.push(batch) }
            }
        } catch {
            failure.record(error)
            work.cancel()
            done.cancel()
        }
        work.close()
        finished.wait()
        if let error = failure.value { throw error }
        return withoutICD10.value
    }
}

/// A shared counter. `@unchecked Sendable`: guarded by `lock`.
final class Countdown: @unchecked Sendable {
    private let lock = NSLock()
    private var count: Int

    init(_ count: Int) { self.count = count }

    func decrement() -> Int { add(-1) }

    @discardableResult
    func add(_ amount: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        count += amount
        return count
    }

    var value: Int { add(0) }
}

extension SQLValue {
    /// An integer value, 0 when it is not one.
    var integerValue: Int64 {
        if case .integer(let value) = self { return value }
        return 0
    }
}
