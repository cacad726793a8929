/// The demographic variables of the CMS-HCC community and institutional models.
///
/// Source: CMS-HCC model software, macro `AGESEXV2` (age/sex cells) and the main program (flags): cells
/// 0-34, 35-44, 45-54, 55-59, 60-64, 65-69, 70-74, 75-79, 80-84, 85-89, 90-94, 95+;
/// `DISABL = (AGEF < 65 & OREC ne "0")`; `ORIGDS = (OREC = "1") * (DISABL = 0)`.
struct HCCDemographics: Equatable, Sendable {
    /// Upper bound (inclusive) of each age band, and its name suffix.
    static let ageBands: [(upTo: Int, suffix: String)] = [
        (34, "0_34"), (44, "35_44"), (54, "45_54"), (59, "55_59"), (64, "60_64"), (69, "65_69"),
        (74, "70_74"), (79, "75_79"), (84, "80_84"), (89, "85_89"), (94, "90_94"), (Int.max, "95_GT"),
    ]

    /// Index into `cellNames`: sex × 12 + age band.
    let cell: Int
    /// Entitled by disability and under 65.
    let disabled: Bool
    /// Entitled originally by disability, now 65 or over.
    let originallyDisabled: Bool

    /// All cell names, female first: `F0_34` ... `F95_GT`, `M0_34` ... `M95_GT`.
    static let cellNames: [String] = ["F", "M"].flatMap { sex in ageBands.map { sex + $0.suffix } }

    init(age: Int, sex: Sex, originalReason: OriginalReasonForEntitlement) {
        let band = HCCDemographics.ageBands.firstIndex { age <= $0.upTo } ?? HCCDemographics.ageBands.count - 1
        cell = (sex == .female ? 0 : 12) + band
        disabled = age < 65 && originalReason != .oldAge
        originallyDisabled = originalReason == .disability && !disabled
    }
}
