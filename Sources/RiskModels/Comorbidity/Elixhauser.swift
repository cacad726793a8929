/// The Elixhauser comorbidity measure with Quan's 2005 ICD-10 coding algorithm and the van Walraven
/// weights (which can be negative).
///
/// Sources: Quan H et al., Med Care 2005;43(11):1130-9 (codes); van Walraven C et al., "A modification of
/// the Elixhauser comorbidity measures into a point system for hospital death using administrative data",
/// Med Care 2009;47(6):626-33 (weights). Table: Tables/elixhauser_quan2005_icd10.csv (via pycomorb).
public struct ElixhauserIndex: Sendable {
    let codeList: PrefixCodeList

    /// Quan 2005 codes with van Walraven 2009 weights.
    public static let quan2005 = ElixhauserIndex(codeList: PrefixCodeList(
        CSVTable(EmbeddedTables.elixhauser_quan2005_icd10), weightColumns: ["van_walraven_weight"],
        // Elixhauser 1998 (Med Care 36(1):8-27) counts complicated diabetes and hypertension and metastatic
        // cancer in place of their milder forms; pycomorb applies the same three rules.
        precedence: [
            ("Diabetes complicated", "Diabetes uncomplicated"),
            ("Hypertension complicated", "Hypertension uncomplicated"),
            ("Metastatic cancer", "Solid tumor without metastasis"),
        ]))

    /// Scores a list of diagnoses.
    public func score(_ diagnoses: [ICD10Code]) -> ElixhauserResult {
        let evaluation = codeList.evaluate(diagnoses)
        let (conditions, suppressed) = codeList.explain(evaluation, diagnoses)
        return ElixhauserResult(conditions: conditions, suppressed: suppressed,
                                vanWalravenScore: codeList.score(evaluation.present, scheme: 0))
    }

    /// The van Walraven weight of a category by name.
    public func weight(of category: String) -> Int? {
        codeList.names.firstIndex(of: category).map { codeList.weights[0][$0] }
    }
}

/// Elixhauser result with its explanation.
public struct ElixhauserResult: Sendable, Equatable {
    /// Counted conditions in name order, each with its codes.
    public let conditions: [ComorbidityCondition]
    /// Milder conditions beaten by a severe one.
    public let suppressed: [SuppressedCondition]
    /// Sum of van Walraven weights.
    public let vanWalravenScore: Int
}

/// Charlson and Elixhauser for one member, the `tend risk comorbidity` output.
public struct ComorbidityResult: Sendable, Equatable {
    /// Member identifier.
    public let memberID: String
    /// Charlson index.
    public let charlson: CharlsonResult
    /// Elixhauser measure.
    public let elixhauser: ElixhauserResult

    /// Scores both indexes.
    public init(member: RiskMember, charlson: CharlsonIndex = .quan2005, elixhauser: ElixhauserIndex = .quan2005) {
        memberID = member.id
        self.charlson = charlson.score(member.diagnoses)
        self.elixhauser = elixhauser.score(member.diagnoses)
    }
}

/// Charlson and Elixhauser without the explanation (the codes of each condition): what the JSON-lines output
/// needs. Same conditions and scores as `ComorbidityResult` (tested over ../shared/data/risk-dev).
public struct ComorbiditySummary: Sendable, Equatable {
    /// Counted Charlson categories (bit i: category i of the index's table).
    let charlsonPresent: UInt64
    /// Sum of Charlson 1987 weights.
    public let charlson1987Score: Int
    /// Sum of Quan 2011 weights.
    public let quan2011Score: Int
    /// Counted Elixhauser categories.
    let elixhauserPresent: UInt64
    /// Sum of van Walraven weights.
    public let vanWalravenScore: Int

    /// Scores both indexes.
    public init(diagnoses: [ICD10Code], charlson: CharlsonIndex = .quan2005, elixhauser: ElixhauserIndex = .quan2005) {
        charlsonPresent = charlson.codeList.evaluate(diagnoses).present
        charlson1987Score = charlson.codeList.score(charlsonPresent, scheme: 0)
        quan2011Score = charlson.codeList.score(charlsonPresent, scheme: 1)
        elixhauserPresent = elixhauser.codeList.evaluate(diagnoses).present
        vanWalravenScore = elixhauser.codeList.score(elixhauserPresent, scheme: 0)
    }

    /// Counted Charlson conditions in name order.
    public func charlsonConditions(_ charlson: CharlsonIndex = .quan2005) -> [String] {
        charlson.codeList.nameOrder.filter { charlsonPresent & (1 << UInt64($0)) != 0 }.map { charlson.codeList.names[$0] }
    }

    /// Counted Elixhauser conditions in name order.
    public func elixhauserConditions(_ elixhauser: ElixhauserIndex = .quan2005) -> [String] {
        elixhauser.codeList.nameOrder.filter { elixhauserPresent & (1 << UInt64($0)) != 0 }.map { elixhauser.codeList.names[$0] }
    }
}
