import CareCore
import FHIR
import Foundation
import RiskModels

/// A demo patient as the clinical generator needs it (the registry row is written before).
struct DemoPatient: Sendable {
    /// Public id, which is also the FHIR id the clinical resources point at (`Patient/demo-0001`).
    let id: String
    let index: Int
    let birthDate: LocalDate
    let female: Bool
    let memberID: String
}

/// One patient's synthetic clinical record as FHIR R4 resources (compact JSON, one string each).
struct DemoClinicalRecord: Sendable {
    /// Coverage, conditions, encounters, observations, medications, allergies, claims and EOBs.
    var resources: [String] = []
    /// Diagnoses made in the last months (and the earlier diagnoses they supersede, now inactive): imported
    /// after a first risk run "as of six months ago", so that the second run shows rising risk.
    var recentChanges: [String] = []
}

/// Builds each demo patient's clinical record from a random stream of its own (seed and patient index),
/// so records do not depend on each other and the same seed and day always give the same record. Dates
/// are counted back from `today`: two years of encounters, vitals and labs with plausible trends.
struct DemoClinicalGenerator: Sendable {
    let today: CalendarDay
    let seed: UInt64

    func record(for patient: DemoPatient) -> DemoClinicalRecord {
        var random = SplitMix64(seed: seed ^ (UInt64(patient.index + 1) &* 0xD1B5_4A32_D192_ED03))
        _ = random.next()
        var builder = DemoRecordBuilder(patient: patient, today: today, random: random)
        builder.build()
        return builder.record
    }
}

typealias Chronic = DemoCatalog.Chronic
typealias Concept = DemoCatalog.Concept

/// One encounter of the generated timeline.
private struct Visit {
    enum Kind { case ambulatory, virtual, home, emergency, inpatient }
    var kind: Kind
    /// Minutes since 1970 (UTC).
    var start: Int
    var end: Int
    var type: Concept
    var reason: Concept?
    var disposition: Concept?
    var id = ""

    var classCode: String {
        switch kind {
        case .ambulatory: "AMB"
        case .virtual: "VR"
        case .home: "HH"
        case .emergency: "EMER"
        case .inpatient: "IMP"
        }
    }
}

private struct Prescription {
    let drug: DemoCatalog.Drug
    let reason: Concept
    /// Day number.
    let start: Int
}

private struct DemoRecordBuilder {
    let patient: DemoPatient
    let today: CalendarDay
    var random: SplitMix64
    var record = DemoClinicalRecord()

    let windowStart: Int
    let todayNumber: Int
    var age = 0
    var chronic: [Chronic] = []
    var onset: [Chronic: Int] = [:]
    var visits: [Visit] = []
    var prescriptions: [Prescription] = []
    var allergies: [DemoCatalog.Allergy] = []
    var medicaid = false

    // Severity details.
    var kidneyStage = 0  // 0: 3a, 1: 3b, 2: 4
    var diabetesCode = Concept.icd("E11.9", "Type 2 diabetes mellitus without complications", text: "Type 2 diabetes")
    var insulin = false
    var systolicHeartFailure = false
    var morbidObesity = false
    /// Recent change: a new heart-failure diagnosis (with atrial fibrillation or not), or a kidney stage up.
    var newHeartFailureDay: Int?
    var newAtrialFibrillation = false
    var kidneyProgressionDay: Int?
    var heightMeters = 1.7

    init(patient: DemoPatient, today: CalendarDay, random: SplitMix64) {
        self.patient = patient
        self.today = today
        self.random = random
        todayNumber = today.daysSinceEpoch
        windowStart = todayNumber - 730
    }

    var subject: String { #""subject":{"reference":"Patient/\#(patient.id)"}"# }

    mutating func build() {
        let (y, m, d) = today.components
        age = y - patient.birthDate.year - ((m, d) < (patient.birthDate.month, patient.birthDate.day) ? 1 : 0)
        let coverage = coverageResource()
        chooseConditions()
        chooseProgression()
        chooseOnsets()
        chooseAllergies()
        scheduleVisits()
        choosePrescriptions()
        record.resources.reserveCapacity(160)
        record.resources.append(coverage)
        emitConditions()
        emitAllergies()
        emitEncountersAndObservations()
        emitPrescriptions()
        emitPharmacyClaims()
    }

    // MARK: Coverage

    /// Like the members import (`MemberFile.swift`): the CMS-HCC segment, original reason for entitlement and
    /// Medicaid status, consistent with age and conditions.
    mutating func coverageResource() -> String {
        let segment: String, orec: String
        let frail = random.next(100)
        if age >= 65 {
            medicaid = random.chance(0.24)
            orec = random.chance(0.14) ? "1" : "0"
            if age >= 78 && frail < 5 {
                segment = "INS"
            } else if medicaid {
                segment = random.chance(0.7) ? "CFA" : "CPA"
            } else {
                segment = "CNA"
            }
        } else {
            medicaid = random.chance(0.5)
            orec = "1"
            segment = medicaid ? (random.chance(0.7) ? "CFD" : "CPD") : "CND"
        }
        let texts = ["CNA": "Community, non-dual, aged", "CND": "Community, non-dual, disabled", "CFA": "Community, full benefit dual, aged",
                     "CFD": "Community, full benefit dual, disabled", "CPA": "Community, partial benefit dual, aged",
                     "CPD": "Community, partial benefit dual, disabled", "INS": "Long-term institutional"]
        let ext = DemographicsParser.extensionBase
        let start = CalendarDay(year: y(todayNumber) - 1 - random.next(6), month: 1, day: 1) ?? today
        let payors = medicaid ? #"[{"display":"Riverside Health Plan (Medicare Advantage)"},{"display":"MassHealth"}]"#
                              : #"[{"display":"Riverside Health Plan (Medicare Advantage)"}]"#
        return #"{"resourceType":"Coverage","id":"\#(patient.id)-coverage","status":"active","# +
            #""type":{"coding":[{"system":"\#(DemographicsParser.segmentSystem)","code":"\#(segment)","display":"\#(texts[segment] ?? segment)"}]},"# +
            #""subscriberId":"\#(patient.memberID)","beneficiary":{"reference":"Patient/\#(patient.id)"},"# +
            #""period":{"start":"\#(start)"},"payor":\#(payors),"# +
            #""extension":[{"url":"\#(ext)original-reason-for-entitlement","valueCode":"\#(orec)"},"# +
            #"{"url":"\#(ext)medicaid-dual","valueBoolean":\#(medicaid)}]}"#
    }

    // MARK: Conditions

    mutating func chooseConditions() {
        let bandWeights: [Double] = switch age {
        case ..<45: [25, 30, 22, 13, 6, 3, 1]
        case 45..<65: [10, 20, 25, 20, 13, 8, 4]
        case 65..<80: [5, 12, 20, 24, 20, 12, 7]
        default: [4, 10, 18, 24, 22, 14, 8]
        }
        let count = random.pick(weights: bandWeights)
        var weights = Chronic.allCases.map { age >= 60 ? $0.weights.older : $0.weights.younger }
        if age < 70 { weights[Chronic.dementia.rawValue] = 0 }
        while chronic.count < count {
            let choice = random.pick(weights: weights)
            guard weights[choice] > 0, let condition = Chronic(rawValue: choice) else { break }
            chronic.append(condition)
            weights[choice] = 0
            for (other, factor) in condition.boosts { weights[other.rawValue] *= factor }
        }
        chronic.sort { $0.rawValue < $1.rawValue }
        if has(.kidneyDisease) { kidneyStage = random.pick(weights: age >= 65 ? [45, 30, 25] : [55, 30, 15]) }
        if has(.diabetes) {
            if has(.kidneyDisease) {
                diabetesCode = .icd("E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease", text: "Type 2 diabetes with kidney disease")
            } else {
                switch random.next(10) {
                case 0..<3: diabetesCode = .icd("E11.40", "Type 2 diabetes mellitus with diabetic neuropathy, unspecified",
                                                text: "Type 2 diabetes with neuropathy")
                case 3..<5: diabetesCode = .icd("E11.65", "Type 2 diabetes mellitus with hyperglycemia", text: "Type 2 diabetes with hyperglycemia")
                default: break
                }
            }
            insulin = diabetesCode.code != "E11.9" && random.chance(0.5)
        }
        systolicHeartFailure = random.chance(0.45)
        morbidObesity = has(.obesity) && random.chance(0.3)
    }

    func has(_ condition: Chronic) -> Bool { chronic.contains(condition) }

    /// About one patient in eight gets a recent turn for the worse (the "rising risk" story).
    mutating func chooseProgression() {
        if !has(.heartFailure) && age >= 60 && (has(.diabetes) || has(.kidneyDisease) || has(.hypertension)) && random.chance(0.2) {
            newHeartFailureDay = todayNumber - 25 - random.next(120)
            newAtrialFibrillation = !has(.atrialFibrillation) && random.chance(0.5)
        } else if has(.kidneyDisease) && kidneyStage >= 1 && random.chance(0.3) {
            kidneyProgressionDay = todayNumber - 20 - random.next(120)
        }
    }

    mutating func chooseOnsets() {
        let adult = (CalendarDay(year: patient.birthDate.year + 18, month: patient.birthDate.month, day: 1) ?? today).daysSinceEpoch
        for condition in chronic {
            let earliest = max(adult, todayNumber - 15 * 365)
            let latest = todayNumber - 400
            onset[condition] = earliest < latest ? earliest + random.next(latest - earliest) : latest
        }
    }

    func hypertensionConcept(heartFailure: Bool) -> Concept {
        switch (heartFailure, has(.kidneyDisease)) {
        case (true, true): .icd("I13.0", "Hypertensive heart and chronic kidney disease with heart failure and stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease",
                                text: "Hypertensive heart and kidney disease with heart failure")
        case (true, false): .icd("I11.0", "Hypertensive heart disease with heart failure", text: "Hypertensive heart disease with heart failure")
        case (false, true): .icd("I12.9", "Hypertensive chronic kidney disease with stage 1 through stage 4 chronic kidney disease, or unspecified chronic kidney disease",
                                 text: "Hypertensive chronic kidney disease")
        case (false, false): .icd("I10", "Essential (primary) hypertension", text: "Hypertension")
        }
    }

    func heartFailureConcept() -> Concept {
        systolicHeartFailure ? .icd("I50.22", "Chronic systolic (congestive) heart failure", text: "Heart failure with reduced ejection fraction")
                             : .icd("I50.32", "Chronic diastolic (congestive) heart failure", text: "Heart failure with preserved ejection fraction")
    }

    static let kidneyStages: [Concept] = [
        .icd("N18.31", "Chronic kidney disease, stage 3a", text: "Chronic kidney disease, stage 3a"),
        .icd("N18.32", "Chronic kidney disease, stage 3b", text: "Chronic kidney disease, stage 3b"),
        .icd("N18.4", "Chronic kidney disease, stage 4 (severe)", text: "Chronic kidney disease, stage 4"),
        .icd("N18.5", "Chronic kidney disease, stage 5", text: "Chronic kidney disease, stage 5"),
    ]

    /// The concepts of one chronic condition (a second code for insulin use or a BMI class).
    func concepts(_ condition: Chronic) -> [Concept] {
        switch condition {
        case .hypertension: [hypertensionConcept(heartFailure: has(.heartFailure))]
        case .diabetes: [diabetesCode] + (insulin ? [.icd("Z79.4", "Long term (current) use of insulin")] : [])
        case .hyperlipidemia: [.icd("E78.5", "Hyperlipidemia, unspecified", text: "Hyperlipidemia")]
        case .obesity: morbidObesity ? [.icd("E66.01", "Morbid (severe) obesity due to excess calories", text: "Severe obesity"),
                                        .icd("Z68.41", "Body mass index [BMI] 40.0-44.9, adult", text: "BMI 40-44.9, adult")]
                                     : [.icd("E66.9", "Obesity, unspecified", text: "Obesity")]
        case .heartFailure: [heartFailureConcept()]
        case .atrialFibrillation: [.icd("I48.91", "Unspecified atrial fibrillation", text: "Atrial fibrillation")]
        case .coronaryDisease: [.icd("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris", text: "Coronary artery disease")]
        case .kidneyDisease: [Self.kidneyStages[kidneyStage]]
        case .copd: [.icd("J44.9", "Chronic obstructive pulmonary disease, unspecified", text: "COPD")]
        case .asthma: [.icd("J45.40", "Moderate persistent asthma, uncomplicated", text: "Asthma, moderate persistent")]
        case .tobacco: [.icd("F17.210", "Nicotine dependence, cigarettes, uncomplicated", text: "Tobacco use (cigarettes)")]
        case .depression: [patient.index % 3 == 0 ? .icd("F32.1", "Major depressive disorder, single episode, moderate", text: "Major depression, moderate")
                                                  : .icd("F33.1", "Major depressive disorder, recurrent, moderate", text: "Major depression, recurrent, moderate")]
        case .anxiety: [.icd("F41.1", "Generalized anxiety disorder")]
        case .alcohol: [.icd("F10.20", "Alcohol dependence, uncomplicated", text: "Alcohol use disorder")]
        case .dementia: [patient.index % 2 == 0 ? .icd("G30.9", "Alzheimer's disease, unspecified", text: "Alzheimer's disease")
                                                : .icd("F03.90", "Unspecified dementia, unspecified severity, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety",
                                                       text: "Dementia")]
        case .osteoarthritis: [.icd("M17.0", "Bilateral primary osteoarthritis of knee", text: "Osteoarthritis of both knees")]
        case .stroke: [patient.index % 2 == 0 ? .icd("I69.351", "Hemiplegia and hemiparesis following cerebral infarction affecting right dominant side",
                                                     text: "Right-sided weakness after stroke")
                                              : .icd("Z86.73", "Personal history of transient ischemic attack (TIA), and cerebral infarction without residual deficits",
                                                     text: "History of stroke, no residual deficits")]
        }
    }

    mutating func emitConditions() {
        var number = 0
        func condition(_ concept: Concept, onset: Int, status: String = "active", abatement: Int? = nil) -> String {
            number += 1
            let abated = abatement.map { #","abatementDateTime":"\#(Self.date($0))""# } ?? ""
            return #"{"resourceType":"Condition","id":"\#(patient.id)-condition-\#(number)","# +
                #""clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"\#(status)"}]},"# +
                #""verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},"# +
                #""category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"problem-list-item","display":"Problem List Item"}]}],"# +
                #""code":\#(Self.json(concept)),\#(subject),"onsetDateTime":"\#(Self.date(onset))"\#(abated),"recordedDate":"\#(Self.date(onset))"}"#
        }
        for chronicCondition in chronic {
            let start = onset[chronicCondition] ?? todayNumber
            for concept in concepts(chronicCondition) {
                if chronicCondition == .kidneyDisease, let day = kidneyProgressionDay {
                    // The earlier stage, then (in the recent changes) the same condition inactive and the new stage.
                    record.resources.append(condition(concept, onset: start))
                    number -= 1
                    record.recentChanges.append(condition(concept, onset: start, status: "inactive", abatement: day))
                    record.recentChanges.append(condition(Self.kidneyStages[kidneyStage + 1], onset: day))
                } else {
                    record.resources.append(condition(concept, onset: start))
                }
            }
        }
        if let day = newHeartFailureDay {
            record.recentChanges.append(condition(heartFailureConcept(), onset: day))
            if newAtrialFibrillation {
                record.recentChanges.append(condition(.icd("I48.91", "Unspecified atrial fibrillation", text: "Atrial fibrillation"), onset: day))
            }
        }
    }

    // MARK: Allergies

    mutating func chooseAllergies() {
        guard random.chance(0.3) else { return }
        let first = random.next(DemoCatalog.allergies.count)
        allergies.append(DemoCatalog.allergies[first])
        if random.chance(0.25) { allergies.append(DemoCatalog.allergies[(first + 1 + random.next(DemoCatalog.allergies.count - 1)) % DemoCatalog.allergies.count]) }
    }

    mutating func emitAllergies() {
        for (number, allergy) in allergies.enumerated() {
            let recorded = todayNumber - 400 - random.next(3000)
            record.resources.append(#"{"resourceType":"AllergyIntolerance","id":"\#(patient.id)-allergy-\#(number + 1)","# +
                #""clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},"# +
                #""verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-verification","code":"confirmed"}]},"# +
                #""type":"\#(allergy.type)","category":["\#(allergy.category)"],"criticality":"\#(allergy.criticality)","# +
                #""code":\#(Self.json(allergy.concept)),"patient":{"reference":"Patient/\#(patient.id)"},"recordedDate":"\#(Self.date(recorded))","# +
                #""reaction":[{"manifestation":[{"text":"\#(allergy.reaction)"}]}]}"#)
        }
    }

    // MARK: Encounters

    static let followUp = Concept.snomed("390906007", "Follow-up encounter (procedure)", text: "Office visit, chronic care follow-up")
    static let checkUp = Concept.snomed("185349003", "Encounter for check up (procedure)", text: "Annual wellness visit")
    static let telehealth = Concept.snomed("448337001", "Telemedicine consultation with patient (procedure)", text: "Telehealth visit")
    static let homeVisit = Concept.snomed("439708006", "Home visit (procedure)", text: "Home health nursing visit")
    static let emergency = Concept.snomed("50849002", "Emergency room admission (procedure)", text: "Emergency department visit")
    static let admission = Concept.snomed("183452005", "Emergency hospital admission (procedure)", text: "Hospital admission")
    static let transitional = Concept.textOnly("Transitional care visit after discharge")

    static func disposition(_ code: String, _ display: String, text: String) -> Concept {
        Concept(system: "http://terminology.hl7.org/CodeSystem/discharge-disposition", code: code, display: display, text: text)
    }

    mutating func scheduleVisits() {
        let conditionCount = chronic.count
        let severe = chronic.filter(\.isSevere).count + (newHeartFailureDay != nil ? 1 : 0)
        // Office visits: a wellness visit a year, more follow-ups the more conditions.
        var office = conditionCount == 0 ? 1 + random.next(2) : min(14, 3 + 2 * conditionCount + random.next(3))
        if has(.diabetes) { office = max(office, 9) }  // HbA1c every three months
        let slot = 725 / office
        for index in 0..<office {
            let day = windowStart + 3 + index * slot + random.next(max(1, slot - 3))
            let start = day * 1440 + 13 * 60 + 15 * random.next(32)
            let reason = chronic.isEmpty ? nil : concepts(chronic[(index + patient.index) % chronic.count])[0]
            let wellness = index == 0 || (index * slot >= 365 && (index - 1) * slot < 365)
            let virtual = !wellness && index % 3 == 2 && random.chance(0.45)  // at most every third visit
            visits.append(Visit(kind: virtual ? .virtual : .ambulatory, start: start, end: start + 20 + 5 * random.next(5),
                                type: wellness ? Self.checkUp : virtual ? Self.telehealth : Self.followUp, reason: wellness ? nil : reason))
        }
        if (has(.dementia) || has(.stroke)) && age >= 75 {
            for _ in 0..<(3 + random.next(4)) {
                let start = (windowStart + random.next(728)) * 1440 + 14 * 60 + 30 * random.next(12)
                visits.append(Visit(kind: .home, start: start, end: start + 45, type: Self.homeVisit, reason: nil))
            }
        }
        // ED visits, some of them admissions, some of those readmitted within 30 days.
        let expected = 0.1 + 0.5 * Double(severe) + 0.12 * Double(conditionCount) + (medicaid ? 0.2 : 0)
        let emergencies = min(8, random.poisson(expected))
        let admitChance = min(0.7, 0.1 + 0.16 * Double(severe) + (age >= 80 ? 0.1 : 0))
        for _ in 0..<emergencies {
            let day = windowStart + 2 + random.next(726)
            let reason = acuteReason()
            if random.chance(admitChance) {
                let discharge = addAdmission(day: day, reason: reason, severe: severe)
                if random.chance(min(0.4, 0.12 + 0.08 * Double(severe))) {
                    let again = discharge + 3 + random.next(26)
                    if again < todayNumber - 1 { _ = addAdmission(day: again, reason: acuteReason(), severe: severe) }
                }
            } else {
                let start = day * 1440 + 60 * (random.next(24))
                visits.append(Visit(kind: .emergency, start: start, end: start + 180 + 30 * random.next(8), type: Self.emergency, reason: reason,
                                    disposition: Self.disposition("home", "Home", text: "Home")))
            }
        }
        if let day = kidneyProgressionDay {
            let start = day * 1440 + 15 * 60
            visits.append(Visit(kind: .ambulatory, start: start, end: start + 45, type: .textOnly("Nephrology consultation"),
                                reason: Self.kidneyStages[kidneyStage + 1]))
        }
        if let day = newHeartFailureDay {
            _ = addAdmission(day: day, reason: .icd("I50.9", "Heart failure, unspecified", text: "New-onset heart failure"), severe: severe, home: true)
        }
        visits = visits.filter { $0.start < todayNumber * 1440 }.sorted { ($0.start, $0.classCode) < ($1.start, $1.classCode) }
        for index in visits.indices { visits[index].id = "\(patient.id)-encounter-\(index + 1)" }
    }

    mutating func acuteReason() -> Concept {
        let reasons = chronic.flatMap(\.acuteReasons)
        if !reasons.isEmpty && random.chance(0.75) { return reasons[random.next(reasons.count)] }
        return DemoCatalog.generalAcuteReasons[random.next(DemoCatalog.generalAcuteReasons.count)]
    }

    /// An ED visit, the admission from it and a transitional-care visit after; returns the discharge day.
    mutating func addAdmission(day: Int, reason: Concept, severe: Int, home: Bool = false) -> Int {
        let arrival = day * 1440 + 60 * random.next(20)
        visits.append(Visit(kind: .emergency, start: arrival, end: arrival + 240, type: Self.emergency, reason: reason,
                            disposition: Self.disposition("hosp", "Hospital", text: "Admitted")))
        let stay = 2 + random.next(3) + (severe > 1 ? random.next(4) : 0) + (age >= 80 ? random.next(2) : 0)
        let admitted = arrival + 300
        let discharged = (day + stay) * 1440 + 15 * 60 + 15 * random.next(16)
        let disposition: Concept
        switch home ? 99 : random.next(100) {
        case 0..<12 where age >= 70: disposition = Self.disposition("snf", "Skilled nursing facility", text: "Skilled nursing facility")
        case 12..<17: disposition = Self.disposition("rehab", "Rehabilitation", text: "Inpatient rehabilitation")
        case 17..<40, 99: disposition = Self.disposition("home", "Home", text: "Home with home health care")
        default: disposition = Self.disposition("home", "Home", text: "Home")
        }
        visits.append(Visit(kind: .inpatient, start: admitted, end: discharged, type: Self.admission, reason: reason, disposition: disposition))
        let follow = (day + stay + 5 + random.next(9)) * 1440 + 14 * 60
        visits.append(Visit(kind: .ambulatory, start: follow, end: follow + 40, type: Self.transitional, reason: reason))
        return day + stay
    }

    // MARK: Vitals and labs

    /// A value along a straight line from `from` (window start) to `to` (today), with noise.
    mutating func along(_ from: Double, _ to: Double, day: Int, noise: Double) -> Double {
        let t = Double(day - windowStart) / Double(todayNumber - windowStart)
        return from + (to - from) * t + noise * random.symmetric()
    }

    mutating func emitEncountersAndObservations() {
        heightMeters = patient.female ? 1.50 + Double(random.next(22)) / 100 : 1.62 + Double(random.next(26)) / 100
        let bmiStart = morbidObesity ? 40.5 + Double(random.next(40)) / 10 : has(.obesity) ? 31 + Double(random.next(80)) / 10
            : 21 + Double(random.next(85)) / 10
        let weightStart = bmiStart * heightMeters * heightMeters
        let weightEnd = weightStart + Double(random.next(70) - 35) / 10
        let hypertensive = has(.hypertension)
        let systolicStart = hypertensive ? 145 + Double(random.next(20)) : 112 + Double(random.next(18))
        let systolicEnd = hypertensive ? 126 + Double(random.next(18)) : systolicStart + Double(random.next(6)) - 3
        let pulse = 64 + Double(random.next(20))
        let a1cStart = diabetesCode.code == "E11.9" ? 6.8 + Double(random.next(16)) / 10 : 7.8 + Double(random.next(30)) / 10
        let a1cEnd: Double = switch random.next(10) {
        case 0..<6: max(6.4, a1cStart - 0.6 - Double(random.next(14)) / 10)
        case 6..<8: a1cStart + Double(random.next(4) - 2) / 10
        default: a1cStart + 0.5 + Double(random.next(10)) / 10
        }
        let stageRanges: [(Double, Double)] = [(45, 59), (30, 44), (16, 29), (9, 14)]
        let egfrStart = has(.kidneyDisease) ? stageRanges[kidneyStage].0 + 2 + Double(random.next(Int(stageRanges[kidneyStage].1 - stageRanges[kidneyStage].0)))
            : 62 + Double(random.next(35))
        let egfrEnd = max(stageRanges[min(3, kidneyStage)].0 + 1, egfrStart - 1 - Double(random.next(6)))
        let ldlStart = 110 + Double(random.next(60)), ldlEnd = 72 + Double(random.next(40))
        let heartFailureEver = has(.heartFailure) || newHeartFailureDay != nil

        var lastA1c = -1_000_000, lastEGFR = -1_000_000, lastLDL = -1_000_000, lastBNP = -1_000_000
        let admissions = visits.filter { $0.kind == .inpatient }.map { $0.start / 1440 }
        var number = 0
        func observation(_ visit: Visit, category: String, code: String, name: String, value: String, unit: String, ucum: String) -> String {
            number += 1
            let categoryDisplay = category == "vital-signs" ? "Vital Signs" : "Laboratory"
            return #"{"resourceType":"Observation","id":"\#(patient.id)-observation-\#(number)","status":"final","# +
                #""category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"\#(category)","display":"\#(categoryDisplay)"}]}],"# +
                #""code":{"coding":[{"system":"http://loinc.org","code":"\#(code)","display":"\#(name)"}],"text":"\#(name)"},\#(subject),"# +
                #""encounter":{"reference":"Encounter/\#(visit.id)"},"effectiveDateTime":"\#(Self.dateTime(visit.start + 10))","# +
                #""valueQuantity":{"value":\#(value),"unit":"\#(unit)","system":"http://unitsofmeasure.org","code":"\#(ucum)"}}"#
        }

        var claimNumber = 0
        for visit in visits {
            record.resources.append(encounter(visit))
            let day = visit.start / 1440
            if visit.kind == .ambulatory || visit.kind == .home || visit.kind == .inpatient {
                // Heart failure: fluid (weight) builds in the two weeks before an admission.
                let congested = heartFailureEver && admissions.contains { $0 >= day && $0 - day <= 14 }
                let weight = along(weightStart, weightEnd, day: day, noise: 0.7) + (congested ? 2.5 : 0)
                let systolic = along(systolicStart, systolicEnd, day: day, noise: 6) + (visit.kind == .inpatient ? 8 : 0)
                let diastolic = 58 + (systolic - 100) * 0.45 + 3 * random.symmetric()
                let heartRate = pulse + (has(.atrialFibrillation) ? 10 * random.symmetric() : 4 * random.symmetric()) + (visit.kind == .inpatient ? 12 : 0)
                number += 1
                record.resources.append(#"{"resourceType":"Observation","id":"\#(patient.id)-observation-\#(number)","status":"final","# +
                    #""category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs","display":"Vital Signs"}]}],"# +
                    #""code":{"coding":[{"system":"http://loinc.org","code":"85354-9","display":"Blood pressure panel with all children optional"}],"text":"Blood pressure"},"# +
                    #"\#(subject),"encounter":{"reference":"Encounter/\#(visit.id)"},"effectiveDateTime":"\#(Self.dateTime(visit.start + 10))","# +
                    #""component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6","display":"Systolic blood pressure"}],"text":"Systolic blood pressure"},"# +
                    #""valueQuantity":{"value":\#(Int(systolic.rounded())),"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},"# +
                    #"{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4","display":"Diastolic blood pressure"}],"text":"Diastolic blood pressure"},"# +
                    #""valueQuantity":{"value":\#(Int(diastolic.rounded())),"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"}}]}"#)
                record.resources.append(observation(visit, category: "vital-signs", code: "8867-4", name: "Heart rate",
                                                    value: "\(Int(heartRate.rounded()))", unit: "beats/min", ucum: "/min"))
                record.resources.append(observation(visit, category: "vital-signs", code: "29463-7", name: "Body weight",
                                                    value: Self.fixed1(weight), unit: "kg", ucum: "kg"))
                if visit.kind != .inpatient {
                    record.resources.append(observation(visit, category: "vital-signs", code: "39156-5", name: "Body mass index (BMI)",
                                                        value: Self.fixed1(weight / (heightMeters * heightMeters)), unit: "kg/m2", ucum: "kg/m2"))
                }
            }
            if visit.kind == .ambulatory || visit.kind == .inpatient {
                if has(.diabetes) && day - lastA1c >= 80 && visit.kind == .ambulatory {
                    lastA1c = day
                    let value = min(13.5, max(5.6, along(a1cStart, a1cEnd, day: day, noise: 0.25)))
                    record.resources.append(observation(visit, category: "laboratory", code: "4548-4", name: "Hemoglobin A1c",
                                                        value: Self.fixed1(value), unit: "%", ucum: "%"))
                }
                if (has(.kidneyDisease) || has(.diabetes) || heartFailureEver) 
                    && (day - lastEGFR >= (has(.kidneyDisease) ? 80 : 170) || kidneyProgressionDay.map { day >= $0 - 30 } ?? false) {
                    lastEGFR = day
                    var value = along(egfrStart, egfrEnd, day: day, noise: 2.5)
                    if let progression = kidneyProgressionDay, day >= progression - 30 {
                        value = stageRanges[kidneyStage + 1].0 + 1 + 4 * random.unit()
                    }
                    record.resources.append(observation(visit, category: "laboratory", code: "33914-3", name: "eGFR",
                                                        value: "\(Int(max(6, value).rounded()))", unit: "mL/min/1.73m2", ucum: "mL/min/{1.73_m2}"))
                }
                if (has(.hyperlipidemia) || has(.diabetes) || has(.coronaryDisease)) && day - lastLDL >= 300 && visit.kind == .ambulatory {
                    lastLDL = day
                    record.resources.append(observation(visit, category: "laboratory", code: "13457-7", name: "LDL cholesterol",
                                                        value: "\(Int(along(ldlStart, ldlEnd, day: day, noise: 8).rounded()))", unit: "mg/dL", ucum: "mg/dL"))
                }
                let hasHeartFailureNow = has(.heartFailure) || (newHeartFailureDay.map { day >= $0 } ?? false)
                if hasHeartFailureNow && (visit.kind == .inpatient || day - lastBNP >= 170) {
                    lastBNP = day
                    let value = (visit.kind == .inpatient ? 2400 : 600) + 900 * random.unit()
                    record.resources.append(observation(visit, category: "laboratory", code: "33762-6", name: "NT-proBNP",
                                                        value: "\(Int(value.rounded()))", unit: "pg/mL", ucum: "pg/mL"))
                }
            }
            claimNumber += 1
            emitClaim(for: visit, number: claimNumber)
        }
    }

    func encounter(_ visit: Visit) -> String {
        let reason = visit.reason.map { #","reasonCode":[\#(Self.json($0))]"# } ?? ""
        let disposition = visit.disposition.map { #","hospitalization":{"dischargeDisposition":\#(Self.json($0))}"# } ?? ""
        let provider = switch visit.kind {
        case .ambulatory, .virtual: "Riverside Community Health Center"
        case .home: "Riverside Visiting Nurses"
        case .emergency, .inpatient: "Riverside General Hospital"
        }
        return #"{"resourceType":"Encounter","id":"\#(visit.id)","status":"finished","# +
            #""class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"\#(visit.classCode)"},"# +
            #""type":[\#(Self.json(visit.type))],\#(subject),"period":{"start":"\#(Self.dateTime(visit.start))","end":"\#(Self.dateTime(visit.end))"}"# +
            #"\#(reason)\#(disposition),"serviceProvider":{"display":"\#(provider)"}}"#
    }

    // MARK: Claims

    mutating func emitClaim(for visit: Visit, number: Int) {
        let cents: Int
        let type: String
        let service: String
        switch visit.kind {
        case .ambulatory: (cents, type, service) = (9_500 + 250 * random.next(60), "professional", "Office visit")
        case .virtual: (cents, type, service) = (6_000 + 100 * random.next(50), "professional", "Telehealth visit")
        case .home: (cents, type, service) = (14_000 + 200 * random.next(50), "institutional", "Home health visit")
        case .emergency: (cents, type, service) = (65_000 + 1_000 * random.next(200), "institutional", "Emergency department services")
        case .inpatient:
            let days = max(1, (visit.end - visit.start) / 1440)
            (cents, type, service) = (850_000 + days * (200_000 + 1_000 * random.next(80)), "institutional", "Inpatient stay, \(days) days")
        }
        let id = "\(patient.id)-claim-\(number)"
        let dx = visit.reason.flatMap { $0.system == DemoCatalog.icd10 ? $0 : nil } ?? chronic.first.map { concepts($0)[0] }
        let diagnosis = dx.map { #","diagnosis":[{"sequence":1,"diagnosisCodeableConcept":\#(Self.json($0))}]"# } ?? ""
        let period = #""billablePeriod":{"start":"\#(Self.dateTime(visit.start))","end":"\#(Self.dateTime(visit.end))"},"created":"\#(Self.date(visit.end / 1440 + 2))""#
        let typeJSON = #""type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"\#(type)"}]}"#
        let provider = visit.kind == .emergency || visit.kind == .inpatient ? "Riverside General Hospital" : "Riverside Community Health Center"
        let money = Self.money(cents)
        record.resources.append(#"{"resourceType":"Claim","id":"\#(id)","status":"active",\#(typeJSON),"use":"claim","# +
            #""patient":{"reference":"Patient/\#(patient.id)"},\#(period),"insurer":{"display":"Riverside Health Plan"},"# +
            #""provider":{"display":"\#(provider)"},"priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/processpriority","code":"normal"}]}"# +
            #"\#(diagnosis),"item":[{"sequence":1,"productOrService":{"text":"\#(service)"},"servicedDate":"\#(Self.date(visit.start / 1440))","# +
            #""encounter":[{"reference":"Encounter/\#(visit.id)"}],"net":\#(money)}],"total":\#(money)}"#)
        let paid = Self.money(cents * (70 + random.next(21)) / 100)
        record.resources.append(#"{"resourceType":"ExplanationOfBenefit","id":"\#(id)-eob","status":"active",\#(typeJSON),"use":"claim","# +
            #""patient":{"reference":"Patient/\#(patient.id)"},\#(period),"insurer":{"display":"Riverside Health Plan"},"# +
            #""provider":{"display":"\#(provider)"},"outcome":"complete","claim":{"reference":"Claim/\#(id)"},"# +
            #""total":[{"category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adjudication","code":"submitted"}]},"amount":\#(money)},"# +
            #"{"category":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/adjudication","code":"benefit"}]},"amount":\#(paid)}],"# +
            #""payment":{"amount":\#(paid)}}"#)
    }

    // MARK: Medications

    mutating func choosePrescriptions() {
        var chosen: [String: Prescription] = [:]
        func add(_ drug: DemoCatalog.Drug, for condition: Chronic, _ chance: Double = 1) {
            guard random.chance(chance), chosen[drug.concept.text] == nil else { return }
            let start = max(onset[condition] ?? todayNumber, windowStart - 2000) + random.next(60)
            chosen[drug.concept.text] = Prescription(drug: drug, reason: concepts(condition)[0], start: min(start, todayNumber - 1))
        }
        typealias D = DemoCatalog.Drugs
        let aspirinAllergy = allergies.contains { $0.concept.text == "Aspirin" }
        let anticoagulated = has(.atrialFibrillation)
        for condition in chronic {
            switch condition {
            case .hypertension:
                add(patient.index % 7 == 0 ? D.losartan : D.lisinopril, for: condition)
                add(D.amlodipine, for: condition, 0.5)
                if kidneyStage < 2 || !has(.kidneyDisease) { add(D.hydrochlorothiazide, for: condition, 0.3) }
            case .diabetes:
                if !(has(.kidneyDisease) && kidneyStage >= 2) { add(D.metformin, for: condition) }
                if insulin { add(D.insulin, for: condition) }
                add(D.empagliflozin, for: condition, has(.heartFailure) || has(.kidneyDisease) ? 0.45 : 0.2)
                if age >= 40 { add(random.chance(0.5) ? D.atorvastatin : D.simvastatin, for: condition) }
            case .hyperlipidemia: add(D.simvastatin, for: condition)
            case .heartFailure:
                add(D.furosemide, for: condition)
                add(systolicHeartFailure ? D.carvedilol : D.metoprolol, for: condition)
                if systolicHeartFailure { add(D.spironolactone, for: condition, 0.5) }
            case .atrialFibrillation:
                add(random.chance(0.65) ? D.apixaban : D.warfarin, for: condition)
                if !has(.heartFailure) { add(D.metoprolol, for: condition) }
            case .coronaryDisease:
                if !anticoagulated && !aspirinAllergy { add(D.aspirin, for: condition) }
                add(D.atorvastatin, for: condition)
            case .copd:
                add(D.albuterol, for: condition)
                add(random.chance(0.6) ? D.tiotropium : D.fluticasoneSalmeterol, for: condition)
            case .asthma:
                add(D.albuterol, for: condition)
                add(D.fluticasoneSalmeterol, for: condition)
            case .depression: add(random.chance(0.55) ? D.sertraline : D.escitalopram, for: condition)
            case .anxiety: add(D.buspirone, for: condition, 0.5)
            case .tobacco: add(D.nicotinePatch, for: condition, 0.35)
            case .alcohol: add(D.naltrexone, for: condition, 0.4)
            case .dementia: add(D.donepezil, for: condition)
            case .osteoarthritis: add(D.acetaminophen, for: condition)
            case .stroke:
                if !anticoagulated && !aspirinAllergy { add(D.aspirin, for: condition) }
                add(D.atorvastatin, for: condition)
            case .obesity, .kidneyDisease: break
            }
        }
        if let day = newHeartFailureDay {
            for drug in [D.furosemide, systolicHeartFailure ? D.carvedilol : D.metoprolol] where chosen[drug.concept.text] == nil {
                chosen[drug.concept.text] = Prescription(drug: drug, reason: heartFailureConcept(), start: day + 3)
            }
        }
        prescriptions = chosen.values.sorted { ($0.start, $0.drug.concept.text) < ($1.start, $1.drug.concept.text) }
    }

    mutating func emitPrescriptions() {
        for (number, prescription) in prescriptions.enumerated() {
            record.resources.append(#"{"resourceType":"MedicationRequest","id":"\#(patient.id)-medication-\#(number + 1)","status":"active","# +
                #""intent":"order","medicationCodeableConcept":\#(Self.json(prescription.drug.concept)),\#(subject),"# +
                #""authoredOn":"\#(Self.date(prescription.start))","reasonCode":[\#(Self.json(prescription.reason))],"# +
                #""dosageInstruction":[{"text":"\#(prescription.drug.dosage)"}]}"#)
        }
    }

    /// One pharmacy claim a month for the medicines filled that month.
    mutating func emitPharmacyClaims() {
        guard !prescriptions.isEmpty else { return }
        let first = CalendarDay(daysSinceEpoch: windowStart).components
        var (year, month) = (first.year, first.month)
        let last = today.components
        while (year, month) <= (last.year, last.month) {
            guard let fill = CalendarDay(year: year, month: month, day: 3 + patient.index % 20) else { break }
            let day = fill.daysSinceEpoch
            let filled = prescriptions.filter { $0.start <= day }
            if day >= windowStart && day < todayNumber && !filled.isEmpty {
                let cents = filled.reduce(0) { $0 + Int(($1.drug.monthlyCost * 100).rounded()) }
                let id = "\(patient.id)-pharmacy-\(year)-\(month < 10 ? "0" : "")\(month)"
                let money = Self.money(cents)
                record.resources.append(#"{"resourceType":"Claim","id":"\#(id)","status":"active","# +
                    #""type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"pharmacy"}]},"use":"claim","# +
                    #""patient":{"reference":"Patient/\#(patient.id)"},"billablePeriod":{"start":"\#(fill)","end":"\#(fill)"},"created":"\#(fill)","# +
                    #""insurer":{"display":"Riverside Health Plan"},"provider":{"display":"Riverside Community Pharmacy"},"# +
                    #""priority":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/processpriority","code":"normal"}]},"# +
                    #""item":[{"sequence":1,"productOrService":{"text":"\#(filled.count) prescription fill\#(filled.count == 1 ? "" : "s")"},"# +
                    #""servicedDate":"\#(fill)","net":\#(money)}],"total":\#(money)}"#)
            }
            month += 1
            if month > 12 { (year, month) = (year + 1, 1) }
        }
    }

    // MARK: Formatting

    func y(_ day: Int) -> Int { CalendarDay(daysSinceEpoch: day).components.year }

    static func date(_ day: Int) -> String { CalendarDay(daysSinceEpoch: day).description }

    /// Minutes since 1970 → `YYYY-MM-DDThh:mm:00Z`.
    static func dateTime(_ minutes: Int) -> String {
        let day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        let minute = minutes - day * 1440
        return "\(date(day))T\(two(minute / 60)):\(two(minute % 60)):00Z"
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func fixed1(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func money(_ cents: Int) -> String { #"{"value":\#(cents / 100).\#(two(cents % 100)),"currency":"USD"}"# }

    static func json(_ concept: Concept) -> String {
        guard let code = concept.code, let system = concept.system else { return #"{"text":\#(quoted(concept.text))}"# }
        return #"{"coding":[{"system":"\#(system)","code":"\#(code)","display":\#(quoted(concept.display))}],"text":\#(quoted(concept.text))}"#
    }

    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        FHIR.JSONWriter.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension SplitMix64 {
    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A number in (-1, 1), more often near 0 (the mean of two uniforms, centred).
    mutating func symmetric() -> Double { unit() + unit() - 1 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    /// An index drawn with the given relative weights.
    mutating func pick(weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        var target = unit() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }

    /// A Poisson-distributed count with mean `mean` (Knuth's method; small means only).
    mutating func poisson(_ mean: Double) -> Int {
        let limit = (-mean).exp
        var count = 0, product = unit()
        while product > limit && count < 50 {
            count += 1
            product *= unit()
        }
        return count
    }
}

private extension Double {
    var exp: Double { Foundation.exp(self) }
}
