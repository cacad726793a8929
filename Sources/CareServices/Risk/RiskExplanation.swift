import FHIR
import RiskModels

/// A stored explanation (`risk_scores.explanation`) read back for people: labels added from the run's model.
public struct RiskExplanation: Sendable, Equatable {
    /// A payment HCC and the diagnosis codes that produced it.
    public struct Finding: Sendable, Equatable {
        public let hcc: String
        public let label: String
        public let diagnoses: [String]
    }
    /// An HCC the codes produced that did not count, and what dropped it.
    public struct Dropped: Sendable, Equatable {
        public let hcc: String
        public let label: String
        public let droppedBy: [String]
        public let diagnoses: [String]
    }
    /// A coefficient added to the score.
    public struct Term: Sendable, Equatable {
        public let name: String
        public let kind: String
        public let value: Double
        public let label: String
    }
    /// LACE of one discharge.
    public struct Lace: Sendable, Equatable {
        public let stayID: String
        public let days: Int
        public let l: Int, a: Int, c: Int, e: Int
        public let score: Int
    }

    public var segment = ""
    public var segmentSource = ""
    public var age = 0
    public var ageSource = ""
    public var sex = ""
    public var hccs: [Finding] = []
    public var dropped: [Dropped] = []
    public var terms: [Term] = []
    public var emergencyVisitIDs: [String] = []
    public var admissionIDs: [String] = []
    public var readmissions: [(admission: String, after: String, days: Int)] = []
    public var laces: [Lace] = []
    public var notes: [String] = []

    public static func == (a: RiskExplanation, b: RiskExplanation) -> Bool {
        a.hccs == b.hccs && a.dropped == b.dropped && a.terms == b.terms && a.notes == b.notes && a.laces == b.laces
            && a.segment == b.segment && a.age == b.age && a.emergencyVisitIDs == b.emergencyVisitIDs && a.admissionIDs == b.admissionIDs
    }

    /// Reads the JSON; labels come from `model` (nil: none).
    public init(json: String, model: CMSHCCModel?) {
        guard let root = try? JSONDocument(bytes: Array(json.utf8)).root else { return }
        func strings(_ value: JSONValue?) -> [String] { value?.elements.compactMap(\.string) ?? [] }
        func label(_ name: String) -> String { model?.label(for: name) ?? "" }
        segment = root["segment"]?.string ?? ""
        segmentSource = root["segment_source"]?.string ?? ""
        age = root["age"]?.int ?? 0
        ageSource = root["age_source"]?.string ?? ""
        sex = root["sex"]?.string ?? ""
        hccs = root["hccs"]?.elements.map { Finding(hcc: $0["hcc"]?.string ?? "", label: label($0["hcc"]?.string ?? ""), diagnoses: strings($0["dx"])) } ?? []
        dropped = root["dropped"]?.elements.map { d in
            let by = d["by"]?.string.map { [$0] } ?? strings(d["by"])
            return Dropped(hcc: d["hcc"]?.string ?? "", label: label(d["hcc"]?.string ?? ""), droppedBy: by, diagnoses: strings(d["dx"]))
        } ?? []
        terms = root["terms"]?.elements.map {
            Term(name: $0["name"]?.string ?? "", kind: $0["kind"]?.string ?? "", value: $0["value"]?.double ?? 0, label: label($0["name"]?.string ?? ""))
        } ?? []
        if let u = root["utilization"] {
            emergencyVisitIDs = strings(u["ed"])
            admissionIDs = strings(u["admissions"])
            readmissions = u["readmissions"]?.elements.map { ($0["admission"]?.string ?? "", $0["after"]?.string ?? "", $0["days"]?.int ?? 0) } ?? []
        }
        laces = root["lace"]?.elements.map {
            Lace(stayID: $0["stay"]?.string ?? "", days: $0["days"]?.int ?? 0, l: $0["l"]?.int ?? 0, a: $0["a"]?.int ?? 0,
                 c: $0["c"]?.int ?? 0, e: $0["e"]?.int ?? 0, score: $0["score"]?.int ?? 0)
        } ?? []
        notes = strings(root["notes"])
    }

    /// Short reasons for a list row: the largest disease terms with their codes, then utilization.
    public func reasons(of row: RiskScoreRowSummary) -> [String] {
        var reasons: [String] = []
        let byHCC = Dictionary(hccs.map { ($0.hcc, $0) }, uniquingKeysWith: { first, _ in first })
        let disease = terms.filter { $0.kind == "disease" || $0.kind == "disease_interaction" }.sorted { ($1.value, $0.name) < ($0.value, $1.name) }
        for term in disease.prefix(3) {
            let codes = byHCC[term.name].map { " (" + $0.diagnoses.joined(separator: ", ") + ")" } ?? ""
            let name = term.label.isEmpty ? term.name : "\(term.name) \(term.label)"
            reasons.append("\(name)\(codes) +\(ExplanationJSON.decimal(thousandths: Int((term.value * 1000).rounded())))")
        }
        if disease.count > 3 { reasons.append("\(disease.count - 3) more condition term(s)") }
        if disease.isEmpty { reasons.append(notes.first { $0.hasPrefix("No ") } ?? "No payment HCCs: demographic score only") }
        if row.emergencyVisits > 0 { reasons.append("\(row.emergencyVisits) ED visit(s)") }
        if row.admissions > 0 { reasons.append("\(row.admissions) admission(s)") }
        if row.readmissions > 0 { reasons.append("\(row.readmissions) 30-day readmission(s)") }
        if let lace = row.lace { reasons.append("LACE \(lace)") }
        if let delta = row.delta, delta > 0 { reasons.append("up \(ExplanationJSON.decimal(thousandths: Int((delta * 1000).rounded()))) since the previous run") }
        return reasons
    }
}

/// The numbers of a score row that the reasons mention.
public struct RiskScoreRowSummary: Sendable {
    public let emergencyVisits: Int
    public let admissions: Int
    public let readmissions: Int
    public let lace: Int?
    public let delta: Double?
}
