/// A comorbidity coding algorithm: categories, each defined by ICD-10 code prefixes (a code belongs to a
/// category when it starts with one of its prefixes, dots removed), with one or more weight schemes and
/// "more severe beats milder" precedence pairs.
struct PrefixCodeList: Sendable {
    /// Category names in table order (bit i of a mask is category i).
    let names: [String]
    /// `weights[scheme][category]`.
    let weights: [[Int]]
    /// (more severe, milder): the milder category is not counted when both are present.
    let precedence: [(severe: Int, mild: Int)]
    /// Category indexes sorted by name in byte order (the output order).
    let nameOrder: [Int]
    private let prefixes: CodeTable<UInt64>
    private let shortestPrefix: Int
    private let longestPrefix: Int

    /// - Parameters:
    ///   - weightColumns: one column name per weight scheme.
    ///   - precedence: pairs of category names (severe, mild).
    init(_ table: CSVTable, weightColumns: [String], precedence: [(String, String)]) {
        let categoryColumn = table.column("category"), prefixColumn = table.column("icd10_prefix")
        let weightIndexes = weightColumns.map(table.column)
        var names: [String] = []
        var index: [String: Int] = [:]
        var weights = [[Int]](repeating: [], count: weightColumns.count)
        var masks: [UInt64: UInt64] = [:]
        var shortest = Int.max, longest = 0
        for row in table.rows {
            let name = row[categoryColumn]
            let category: Int
            if let known = index[name] {
                category = known
            } else {
                category = names.count
                index[name] = category
                names.append(name)
                for scheme in weightIndexes.indices { weights[scheme].append(Int(row[weightIndexes[scheme]]) ?? 0) }
            }
            guard let prefix = ICD10Code(row[prefixColumn]) else { continue }
            masks[prefix.rawValue, default: 0] |= 1 << UInt64(category)
            shortest = min(shortest, prefix.length)
            longest = max(longest, prefix.length)
        }
        precondition(names.count <= 64, "a comorbidity mask holds at most 64 categories")
        self.names = names
        self.weights = weights
        self.precedence = precedence.compactMap { severe, mild in
            guard let severe = index[severe], let mild = index[mild] else { return nil }
            return (severe, mild)
        }
        nameOrder = names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
        prefixes = CodeTable(masks.map { (key: $0.key, value: $0.value) })
        shortestPrefix = shortest
        longestPrefix = longest
    }

    /// The categories one code belongs to, as a bit mask.
    @inline(__always)
    func categories(of code: ICD10Code) -> UInt64 {
        var mask: UInt64 = 0
        let length = code.length
        guard length >= shortestPrefix else { return 0 }
        for prefixLength in shortestPrefix...min(length, longestPrefix) {
            if let found = prefixes[code.packedPrefix(prefixLength)] { mask |= found }
        }
        return mask
    }

    /// Flags every category of `diagnoses`, then applies the precedence pairs.
    func evaluate(_ diagnoses: [ICD10Code]) -> Evaluation {
        var present: UInt64 = 0
        for code in diagnoses { present |= categories(of: code) }
        var suppressed: UInt64 = 0
        for (severe, mild) in precedence where present & (1 << UInt64(severe)) != 0 {
            suppressed |= present & (1 << UInt64(mild))
        }
        return Evaluation(present: present & ~suppressed, suppressed: suppressed)
    }

    /// Category masks before building results.
    struct Evaluation {
        /// Counted categories.
        let present: UInt64
        /// Categories present but beaten by a more severe one.
        let suppressed: UInt64
    }

    /// The codes of `diagnoses` that fall in `category`, unique and sorted.
    func codes(in category: Int, of diagnoses: [ICD10Code]) -> [ICD10Code] {
        var found: [ICD10Code] = []
        for code in diagnoses where categories(of: code) & (1 << UInt64(category)) != 0 && !found.contains(code) {
            found.append(code)
        }
        return found.sorted()
    }

    /// Sum of `scheme`'s weights over `mask`.
    func score(_ mask: UInt64, scheme: Int) -> Int {
        var total = 0
        var remaining = mask
        while remaining != 0 {
            total += weights[scheme][remaining.trailingZeroBitCount]
            remaining &= remaining - 1
        }
        return total
    }

    /// The severe category that beats `mild` among `present`.
    func severeCategory(beating mild: Int, in present: UInt64) -> Int? {
        precedence.first { $0.mild == mild && present & (1 << UInt64($0.severe)) != 0 }?.severe
    }
}

/// A comorbidity category found for a member, with the codes that put it there.
public struct ComorbidityCondition: Sendable, Equatable {
    /// Category name as published (pycomorb's spelling), e.g. "Congestive heart failure".
    public let name: String
    /// The member's codes in the category.
    public let diagnoses: [ICD10Code]
}

/// A category found but not counted because a more severe one of the same family is present.
public struct SuppressedCondition: Sendable, Equatable {
    /// The milder category.
    public let name: String
    /// The more severe category that beats it.
    public let supersededBy: String
    /// The member's codes in the milder category.
    public let diagnoses: [ICD10Code]
}

extension PrefixCodeList {
    /// Conditions (counted) and suppressed conditions, both in name order.
    func explain(_ evaluation: Evaluation, _ diagnoses: [ICD10Code]) -> ([ComorbidityCondition], [SuppressedCondition]) {
        var conditions: [ComorbidityCondition] = []
        var suppressed: [SuppressedCondition] = []
        let all = evaluation.present | evaluation.suppressed
        guard all != 0 else { return ([], []) }
        for category in nameOrder where all & (1 << UInt64(category)) != 0 {
            let codes = codes(in: category, of: diagnoses)
            if evaluation.present & (1 << UInt64(category)) != 0 {
                conditions.append(ComorbidityCondition(name: names[category], diagnoses: codes))
            } else if let severe = severeCategory(beating: category, in: evaluation.present) {
                suppressed.append(SuppressedCondition(name: names[category], supersededBy: names[severe], diagnoses: codes))
            }
        }
        return (conditions, suppressed)
    }
}
