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
/// writes them in transactions of 50,000 rows, each with the tier predicted from the scores so far
/// (`TierRanking`, 8 bytes per patient). Queues between the stages are bounded. The last transaction
/// corrects the few mispredicted tiers and writes the audit row and the run's counts.
public struct RiskRunService: Sendable {
    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    static let batchSize = 1_024
    static let rowsPerTransaction = 50_000
    /// The writer's page cache during the run (negative: KiB). Enough for the pages the inserts touch
    /// at random (the score index of the run); the table itself is appended to.
    static let writerCacheKiB = -32_768

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
            var (withoutICD10, ranking) = try stream(organizationID: organizationID, runID: runID, previousRunID: previousRunID ?? 0,
                                                     model: model, parameters: parameters, progress: progress)
            let tiers = ranking.finish()
            let finished = try database.write { conn -> RiskRunRecord in
                let runs = RiskRunRepository(conn)
                for correction in tiers.corrections {
                    try runs.setTier(correction.tier.name, organizationID: organizationID, runID: runID, patientRowIDs: correction.patientRowIDs)
                }
                guard let run = try runs.finish(organizationID: organizationID, runID: runID, high: tiers.high, moderate: tiers.moderate,
                                                highCutoff: tiers.highCutoff, moderateCutoff: tiers.moderateCutoff,
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

    /// Reads, scores and writes (each row with its predicted tier); returns how many patients had no
    /// ICD-10-CM diagnosis and the ranking of every score written.
    private func stream(organizationID: Int64, runID: Int64, previousRunID: Int64, model: CMSHCCModel, parameters: RiskRunParameters,
                        progress: (@Sendable (Int) -> Void)?) throws -> (withoutICD10: Int, ranking: TierRanking) {
        let database = environment.database
        let work = BoundedQueue<[PopulationMember]>(capacity: 2 * parameters.jobs + 2)
        let done = BoundedQueue<[ScoredRow]>(capacity: 2 * parameters.jobs + 2)
        let failure = FirstError()
        let scorer = MemberScorer(model: model, window: parameters.window, paymentYear: parameters.paymentYear)
        let finished = DispatchGroup()
        let scorersLeft = Countdown(parameters.jobs)
        let withoutICD10 = Countdown(0)
        let ranked = RankingBox(TierRanking(parameters: parameters))

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
                var ranking = ranked.take()
                defer { ranked.put(ranking) }
                var written = 0
                var more = true
                while more {
                    try database.write { conn in
                        try conn.execute("PRAGMA cache_size = \(Self.writerCacheKiB)")
                        let writer = try ScoreWriter(conn, organizationID: organizationID, runID: runID)
                        var inTransaction = 0
                        while inTransaction < Self.rowsPerTransaction {
                            guard let rows = done.pop() else { more = false; break }
                            for row in rows {
                                let tier = try ranking.add(thousandths: row.thousandths, patientRowID: row.rowID)
                                try writer.insert(row, tier: tier)
                            }
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
                    batch.append(member.compactCopy())
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
        return (withoutICD10.value, ranked.take())
    }
}

/// Hands the writer thread's `TierRanking` back to the caller. `@unchecked Sendable`: guarded by `lock`.
final class RankingBox: @unchecked Sendable {
    private let lock = NSLock()
    private var ranking: TierRanking

    init(_ ranking: TierRanking) { self.ranking = ranking }

    func take() -> TierRanking {
        lock.lock()
        defer { lock.unlock() }
        let taken = ranking
        ranking = TierRanking(parameters: taken.parameters)
        return taken
    }

    func put(_ ranking: TierRanking) {
        lock.lock()
        self.ranking = ranking
        lock.unlock()
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
