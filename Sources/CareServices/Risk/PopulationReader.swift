import FHIR
import Foundation
import RiskModels
import Storage

/// Reads an organization's whole population for a risk run in one pass, patient by patient, with memory
/// that does not grow with the population: five queries, each ordered by FHIR patient id through an index
/// (migration 3), merged in step. Rows of a patient without a registry row are skipped.
struct PopulationReader {
    let connection: Connection
    let organizationID: Int64
    /// The run whose scores give `previousThousandths` (0: none).
    let previousRunID: Int64
    /// Ages are counted to February 1 of the payment year (CMS-HCC).
    let paymentYear: Int
    /// Encounters and claims starting before this day are not read into the member (look-back window
    /// start minus the 6 months LACE and readmissions look back further).
    let firstDay: CalendarDay
    /// Nor those after the run's as-of day.
    let lastDay: CalendarDay

    static let patientsSQL = """
        SELECT p.public_id, p.id, p.sex, p.birth_date, prev.score_thousandths
        FROM patients p LEFT JOIN risk_scores prev
          ON prev.organization_id = p.organization_id AND prev.run_id = ?2 AND prev.patient_row_id = p.id
        WHERE p.organization_id = ?1 ORDER BY p.public_id
        """
    static let resourcesSQL = """
        SELECT patient_id, resource_type, content FROM fhir_resources
        WHERE organization_id = ?1 AND resource_type IN ('Coverage', 'Patient') ORDER BY patient_id
        """
    static let conditionsSQL = """
        SELECT patient_id, code_system, code FROM clinical_conditions
        WHERE organization_id = ?1 AND clinical_status <> 'entered-in-error' ORDER BY patient_id
        """
    static let encountersSQL = """
        SELECT patient_id, id, class_code, start_at, end_at FROM clinical_encounters
        WHERE organization_id = ?1 AND start_at IS NOT NULL ORDER BY patient_id
        """
    static let claimsSQL = """
        SELECT patient_id, id, service_at, total FROM clinical_claims
        WHERE organization_id = ?1 AND resource_type = 'Claim' AND service_at IS NOT NULL ORDER BY patient_id
        """

    /// Calls `body` once per patient, in FHIR id order. The member is reused: copy what must outlive the call.
    func forEachMember(_ body: (borrowing PopulationMember) throws -> Void) throws {
        let patients = try PopulationCursor(connection, Self.patientsSQL, organizationID: organizationID, extra: [previousRunID])
        let resources = try PopulationCursor(connection, Self.resourcesSQL, organizationID: organizationID)
        let conditions = try PopulationCursor(connection, Self.conditionsSQL, organizationID: organizationID)
        let encounters = try PopulationCursor(connection, Self.encountersSQL, organizationID: organizationID)
        let claims = try PopulationCursor(connection, Self.claimsSQL, organizationID: organizationID)
        var member = PopulationMember()
        member.diagnoses.reserveCapacity(64)
        let icd10Systems: [[UInt8]] = [Array("http://hl7.org/fhir/sid/icd-10-cm".utf8), Array("http://hl7.org/fhir/sid/icd-10".utf8)]
        while patients.hasRow {
            let id = patients.key
            let p = patients.statement
            member.reset(rowID: p.int64(1))
            readSexAndBirthDate(p, into: &member)
            if !p.isNull(4) { member.previousThousandths = Int(p.int64(4)) }

            while try resources.isAt(id) {
                let r = resources.statement
                let type = r.bytes(1)
                let isCoverage = type.count == 8
                // Content stored compressed (an organization with a dictionary) is decompressed first;
                // plain JSON is read in place.
                if let json = try connection.decompressedFHIRContent(r.bytes(2)) {
                    json.withUnsafeBufferPointer { content -> Void in
                        if isCoverage { DemographicsParser.coverage(content, into: &member) } else { DemographicsParser.patient(content, into: &member) }
                    }
                } else {
                    let content = r.bytes(2)
                    if isCoverage { DemographicsParser.coverage(content, into: &member) } else { DemographicsParser.patient(content, into: &member) }
                }
                try resources.advance()
            }
            DemographicsParser.finish(&member)

            while try conditions.isAt(id) {
                let c = conditions.statement
                let system = c.bytes(1)
                if icd10Systems.contains(where: { $0.elementsEqual(system) }) {
                    if let code = ICD10Code(bytes: c.bytes(2)) { member.diagnoses.append(code) } else { member.unreadableCodes += 1 }
                } else {
                    member.otherCodedConditions += 1
                }
                try conditions.advance()
            }

            while try encounters.isAt(id) {
                let e = encounters.statement
                let start = Self.day(e.double(3))
                if start >= firstDay && start <= lastDay {
                    let end = e.isNull(4) ? start : max(start, Self.day(e.double(4)))
                    member.encounters.append(Encounter(id: String(decoding: e.bytes(1), as: UTF8.self),
                                                       setting: Self.setting(e.bytes(2)), start: start, end: end))
                }
                try encounters.advance()
            }
            if !member.encounters.isEmpty { Self.markAcuteAdmissions(&member.encounters) }

            while try claims.isAt(id) {
                let k = claims.statement
                let day = Self.day(k.double(2))
                if day >= firstDay && day <= lastDay {
                    let cents = k.isNull(3) ? 0 : Int((k.double(3) * 100).rounded())
                    member.claims.append(Claim(id: String(decoding: k.bytes(1), as: UTF8.self), serviceDay: day, paidCents: cents))
                }
                try claims.advance()
            }
            try body(member)
            try patients.advance()
        }
    }

    /// Registry sex and, until a member-age extension says otherwise, the age from the birth date.
    private func readSexAndBirthDate(_ p: RawStatement, into member: inout PopulationMember) {
        let sex = p.bytes(2)
        if sex.elementsEqual("male".utf8) { member.sex = .male } else { member.sex = .female; member.sexRecorded = sex.elementsEqual("female".utf8) }
        let birth = p.bytes(3)  // YYYY-MM-DD
        if birth.count >= 10, let year = Self.number(birth[0..<4]), let month = Self.number(birth[5..<7]), let day = Self.number(birth[8..<10]) {
            // Age on February 1 of the payment year.
            member.age = max(0, paymentYear - year - ((month > 2 || (month == 2 && day > 1)) ? 1 : 0))
        }
    }

    private static func number(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// Seconds since 1970 (UTC) → calendar day.
    static func day(_ seconds: Double) -> CalendarDay { CalendarDay(daysSinceEpoch: Int((seconds / 86_400).rounded(.down))) }

    /// FHIR v3 ActCode encounter classes: EMER is an ED visit; IMP, ACUTE and NONAC are inpatient stays.
    static func setting(_ classCode: UnsafeBufferPointer<UInt8>) -> EncounterSetting {
        if classCode.elementsEqual("EMER".utf8) { return .emergency }
        if classCode.elementsEqual("IMP".utf8) || classCode.elementsEqual("ACUTE".utf8) || classCode.elementsEqual("NONAC".utf8) { return .inpatient }
        return .other
    }

    /// LACE "A": a stay counts as an acute (emergent) admission when an ED visit started on its admission
    /// day or the day before (the encounter records carry no admission type).
    static func markAcuteAdmissions(_ encounters: inout [Encounter]) {
        let edDays = Set(encounters.filter { $0.setting == .emergency }.map(\.start.daysSinceEpoch))
        guard !edDays.isEmpty else { return }
        for index in encounters.indices where encounters[index].setting == .inpatient {
            let admitted = encounters[index].start.daysSinceEpoch
            encounters[index].acuteAdmission = edDays.contains(admitted) || edDays.contains(admitted - 1)
        }
    }
}
