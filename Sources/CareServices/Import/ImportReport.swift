/// What importing one file did.
public struct ImportCounts: Sendable, Equatable {
    /// Resources read from the file, by FHIR type (modeled and unmodeled alike).
    public var byType: [String: Int] = [:]
    /// Resources that were new.
    public var inserted = 0
    /// Resources whose stored content changed.
    public var updated = 0
    /// Resources already stored with the same content.
    public var unchanged = 0

    /// Creates empty counts.
    public init() {}

    /// Every resource read.
    public var total: Int { inserted + updated + unchanged }

    /// Adds another file's counts to these.
    public mutating func add(_ other: ImportCounts) {
        for (type, count) in other.byType { byType[type, default: 0] += count }
        inserted += other.inserted
        updated += other.updated
        unchanged += other.unchanged
    }
}

/// The outcome of one file: imported whole, or rejected whole with one line saying why.
public enum ImportOutcome: Sendable, Equatable {
    case imported(ImportCounts)
    /// The problem, without the file name (the report adds it).
    case rejected(String)
}

/// One file's report line.
public struct ImportFileReport: Sendable, Equatable {
    /// The file as named by the caller.
    public let file: String
    /// Its size in bytes.
    public let bytes: Int
    public let outcome: ImportOutcome

    /// Creates a report.
    public init(file: String, bytes: Int, outcome: ImportOutcome) {
        self.file = file
        self.bytes = bytes
        self.outcome = outcome
    }

    /// `FILE: problem` for a rejected file, nil for an imported one.
    public var rejectionLine: String? {
        if case .rejected(let problem) = outcome { return "\(file): \(problem)" }
        return nil
    }
}

/// Who runs an import: the operator on the command line, or a signed-in user (an admin upload).
public enum ImportActor: Sendable {
    case commandLine
    case user(RequestContext)
}
