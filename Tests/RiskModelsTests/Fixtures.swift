@testable import RiskModels

/// Small hand-made members for rule tests.
func member(_ codes: [String], age: Int = 72, sex: Sex = .female, segment: Segment = .communityNonDualAged,
            orec: OriginalReasonForEntitlement = .oldAge, medicaid: Bool = false) -> RiskMember {
    RiskMember(id: "t", age: age, sex: sex, segment: segment, originalReason: orec, medicaid: medicaid,
               diagnoses: codes.compactMap(ICD10Code.init))
}

func code(_ text: String) -> ICD10Code { ICD10Code(text)! }

extension HCCScore {
    var hccNames: [String] { hccs.map(\.hcc.description) }
    var droppedNames: [String] { dropped.map(\.hcc.description) }
    func term(_ name: String) -> Int? { terms.first { $0.name == name }?.thousandths }
}
