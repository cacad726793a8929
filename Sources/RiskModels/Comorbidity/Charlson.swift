/// The Charlson comorbidity index with Quan's 2005 ICD-10 coding algorithm, scored with the original
/// Charlson 1987 weights and with Quan's 2011 re-weighting (no age points).
///
/// Sources: Quan H et al., "Coding algorithms for defining comorbidities in ICD-9-CM and ICD-10
/// administrative data", Med Care 2005;43(11):1130-9 (code lists); Charlson ME et al., J Chronic Dis
/// 1987;40(5):373-83 (weights); Quan H et al., Am J Epidemiol 2011;173(6):676-82 (2011 weights).
/// Table: Tables/charlson_quan2005_icd10.csv (via pycomorb 1.20261001.1).
public struct CharlsonIndex: Sendable {
    let codeList: PrefixCodeList

    /// Quan 2005 codes with Charlson 1987 and Quan 2011 weights.
    public static let quan2005 = CharlsonIndex(codeList: PrefixCodeList(
        CSVTable(EmbeddedTables.charlson_quan2005_icd10), weightColumns: ["charlson_weight", "quan_weight"],
        // Hierarchy of the Charlson index (Charlson 1987; Quan 2005 Table 1 notes): the severe form of a
        // condition replaces the mild one, never both counted.
        precedence: [
            ("Diabetes with chronic complication", "Diabetes without chronic complication"),
            ("Moderate or severe liver disease", "Mild liver disease"),
            ("Metastatic solid tumor", "Any malignancy, including lymphoma and leukemia, except malignant neoplasm of skin"),
        ]))

    /// Scores a list of diagnoses.
    public func score(_ diagnoses: [ICD10Code]) -> CharlsonResult {
        let evaluation = codeList.evaluate(diagnoses)
        let (conditions, suppressed) = codeList.explain(evaluation, diagnoses)
        return CharlsonResult(conditions: conditions, suppressed: suppressed,
                              charlson1987Score: codeList.score(evaluation.present, scheme: 0),
                              quan2011Score: codeList.score(evaluation.present, scheme: 1))
    }

    /// The Charlson 1987 score alone (for LACE), without building the explanation.
    public func charlson1987Score(_ diagnoses: [ICD10Code]) -> Int {
        codeList.score(codeList.evaluate(diagnoses).present, scheme: 0)
    }

    /// Weights of a category by name: (Charlson 1987, Quan 2011).
    public func weights(of category: String) -> (charlson1987: Int, quan2011: Int)? {
        guard let index = codeList.names.firstIndex(of: category) else { return nil }
        return (codeList.weights[0][index], codeList.weights[1][index])
    }
}

/// Charlson result with its explanation.
public struct CharlsonResult: Sendable, Equatable {
    /// Counted conditions in name order, each with its codes.
    public let conditions: [ComorbidityCondition]
    /// Milder conditions beaten by a severe one.
    public let suppressed: [SuppressedCondition]
    /// Sum of Charlson 1987 weights.
    public let charlson1987Score: Int
    /// Sum of Quan 2011 weights.
    public let quan2011Score: Int
}
