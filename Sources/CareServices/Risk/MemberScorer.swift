import FHIR
import RiskModels

/// One patient's result, ready to insert into `risk_scores`.
struct ScoredRow: Sendable {
    var rowID: Int64
    var thousandths: Int
    /// Score minus the previous run's score, in thousandths (nil: not in the previous run).
    var deltaThousandths: Int?
    var hccs: [UInt8]
    var emergencyVisits: Int
    var admissions: Int
    var readmissions: Int
    var costCents: Int
    /// LACE of the latest discharge in the window.
    var lace: Int?
    var hasICD10: Bool
    /// Compact JSON.
    var explanation: [UInt8]
}

/// Scores one member with the full explanation: every payment HCC with the codes that produced it, the
/// HCCs a hierarchy (or the V28 heart-failure patch) dropped, every term with its coefficient, the
/// utilization and LACE numbers, and notes on what was assumed or missing.
struct MemberScorer: Sendable {
    let model: CMSHCCModel
    let window: UtilizationWindow
    let paymentYear: Int

    func score(_ member: borrowing PopulationMember) -> ScoredRow {
        let risk = RiskMember(id: "", age: member.age, sex: member.sex, segment: member.segment, originalReason: member.originalReason,
                              medicaid: member.medicaid, diagnoses: member.diagnoses)
        let score = model.score(risk)
        let utilization = member.encounters.isEmpty && member.claims.isEmpty ? nil
            : UtilizationSummary(encounters: member.encounters, claims: member.claims, window: window)
        let laces = member.encounters.contains { $0.setting == .inpatient }
            ? LACEIndex.forEachDischarge(in: member.encounters.map { var e = $0; e.diagnoses = member.diagnoses; return e })
                .filter { stay in member.encounters.first { $0.id == stay.stayID }.map { window.contains($0.end) } ?? false }
            : []

        var hccs: [UInt8] = []
        for finding in score.hccs {
            if !hccs.isEmpty { hccs.append(32) }
            hccs += Array(finding.hcc.description.utf8)
        }
        var out = ExplanationJSON()
        out.open("segment", string: member.segment.rawValue)
        out.field("segment_source", string: member.coverageSegment != nil && Segment(rawValue: member.coverageSegment!) != nil ? "coverage" : "assumed")
        out.field("age", number: member.age)
        out.field("age_source", string: member.ageFromPayer ? "payer" : "birth_date")
        out.field("sex", string: member.sex.rawValue)
        out.field("orec", string: member.originalReason.rawValue)
        out.field("medicaid", bool: member.medicaid)
        out.key("hccs")
        out.array(score.hccs) { out, finding in
            out.open("hcc", string: finding.hcc.description)
            out.key("dx"); out.codes(finding.diagnoses)
            out.close()
        }
        out.key("dropped")
        out.array(score.dropped) { out, dropped in
            out.open("hcc", string: dropped.hcc.description)
            switch dropped.reason {
            case .hierarchy(let parents):
                out.key("by"); out.array(parents) { out, parent in out.string(parent.description) }
            case .heartFailurePatch:
                out.field("by", string: "V28 heart-failure patch (HCC223 without HCC221-226)")
            }
            out.key("dx"); out.codes(dropped.diagnoses)
            out.close()
        }
        out.key("terms")
        out.array(score.terms) { out, term in
            out.open("name", string: term.name)
            out.field("kind", string: term.kind.rawValue)
            out.field("value", thousandths: term.thousandths)
            out.close()
        }
        if let utilization {
            out.key("utilization")
            out.open("ed", strings: utilization.emergencyVisitIDs)
            out.field("admissions", strings: utilization.admissionIDs)
            out.key("readmissions")
            out.array(utilization.readmissions) { out, r in
                out.open("admission", string: r.admissionID)
                out.field("after", string: r.previousStayID)
                out.field("days", number: r.daysAfterDischarge)
                out.close()
            }
            out.field("claims", number: utilization.claimIDs.count)
            out.field("cost_cents", number: utilization.totalCostCents)
            out.close()
        }
        if !laces.isEmpty {
            out.key("lace")
            out.array(laces) { out, lace in
                out.open("stay", string: lace.stayID)
                out.field("days", number: lace.lengthOfStayDays)
                out.field("l", number: lace.lengthOfStayPoints)
                out.field("a", number: lace.acuityPoints)
                out.field("c", number: lace.comorbidityPoints)
                out.field("charlson", number: lace.charlsonScore)
                out.field("e", number: lace.emergencyPoints)
                out.field("score", number: lace.score)
                out.close()
            }
        }
        let notes = self.notes(member)
        if !notes.isEmpty { out.field("notes", strings: notes) }
        out.close()

        return ScoredRow(rowID: member.rowID, thousandths: score.rawScoreThousandths,
                         deltaThousandths: member.previousThousandths.map { score.rawScoreThousandths - $0 },
                         hccs: hccs, emergencyVisits: utilization?.emergencyVisits ?? 0, admissions: utilization?.admissions ?? 0,
                         readmissions: utilization?.readmissions.count ?? 0, costCents: utilization?.totalCostCents ?? 0,
                         lace: laces.last?.score, hasICD10: !member.diagnoses.isEmpty, explanation: out.bytes)
    }

    /// What the reader of the explanation must know: what was assumed, and what was not scored.
    func notes(_ member: borrowing PopulationMember) -> [String] {
        var notes: [String] = []
        if member.diagnoses.isEmpty {
            notes.append(member.otherCodedConditions > 0
                ? "No ICD-10-CM diagnoses on record: \(member.otherCodedConditions) condition(s) are coded in another system (e.g. SNOMED CT), which Tend does not map to HCCs. The score is demographic only."
                : "No diagnoses on record. The score is demographic only.")
        } else if member.otherCodedConditions > 0 {
            notes.append("\(member.otherCodedConditions) condition(s) not coded in ICD-10-CM were not used for HCCs.")
        }
        if member.unreadableCodes > 0 { notes.append("\(member.unreadableCodes) ICD-10 code(s) could not be read and were ignored.") }
        if let code = member.coverageSegment, Segment(rawValue: code) == nil {
            notes.append("Segment \(code) is not modelled; scored as \(member.segment.rawValue) (community, non-dual, by age).")
        } else if member.coverageSegment == nil {
            notes.append("No CMS-HCC segment on record: scored as \(member.segment.rawValue) (community, non-dual, by age), original reason 0, no Medicaid.")
        }
        if !member.ageFromPayer { notes.append("Age \(member.age) counted from the birth date to February 1, \(paymentYear).") }
        if !member.sexRecorded { notes.append("Sex is not recorded as female or male; the female age/sex cell was used.") }
        if member.encounters.contains(where: { $0.setting == .inpatient }) {
            notes.append("LACE: acute admission = an ED visit on the admission day or the day before; Charlson from the patient's ICD-10-CM diagnoses.")
        }
        return notes
    }
}
