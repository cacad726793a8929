/// The clinical vocabulary of the demo: chronic conditions a care-management panel carries, with their
/// ICD-10-CM codes, the medicines that treat them (RxNorm codes where they are well known, else text
/// only), acute reasons for ED visits, allergies. Everything here is synthetic and for demonstration.
enum DemoCatalog {
    /// A chronic condition family; the exact ICD-10-CM code depends on severity and comorbidity.
    enum Chronic: Int, CaseIterable, Sendable {
        case hypertension, diabetes, hyperlipidemia, obesity, heartFailure, atrialFibrillation, coronaryDisease, kidneyDisease,
             copd, asthma, tobacco, depression, anxiety, alcohol, dementia, osteoarthritis, stroke

        /// Relative chance of being picked, for patients 60 and over and under 60.
        var weights: (older: Double, younger: Double) {
            switch self {
            case .hypertension: (30, 12)
            case .diabetes: (22, 12)
            case .hyperlipidemia: (16, 6)
            case .obesity: (8, 10)
            case .heartFailure: (10, 1)
            case .atrialFibrillation: (7, 0.5)
            case .coronaryDisease: (9, 1)
            case .kidneyDisease: (10, 2)
            case .copd: (10, 2)
            case .asthma: (1, 8)
            case .tobacco: (4, 8)
            case .depression: (9, 16)
            case .anxiety: (4, 10)
            case .alcohol: (1.5, 5)
            case .dementia: (5, 0)
            case .osteoarthritis: (8, 1)
            case .stroke: (4, 0.5)
            }
        }

        /// Conditions that make others likelier (comorbidity clusters), as multipliers.
        var boosts: [(Chronic, Double)] {
            switch self {
            case .diabetes: [(.kidneyDisease, 2.5), (.hypertension, 2), (.hyperlipidemia, 2), (.obesity, 2), (.coronaryDisease, 1.5)]
            case .hypertension: [(.heartFailure, 1.8), (.kidneyDisease, 1.5), (.coronaryDisease, 1.5), (.stroke, 1.5)]
            case .heartFailure: [(.atrialFibrillation, 3), (.kidneyDisease, 2), (.coronaryDisease, 2)]
            case .copd: [(.tobacco, 4), (.heartFailure, 1.5), (.depression, 1.5)]
            case .tobacco: [(.copd, 3), (.coronaryDisease, 1.5), (.alcohol, 1.5)]
            case .depression: [(.anxiety, 3), (.alcohol, 1.5)]
            case .obesity: [(.diabetes, 2), (.hypertension, 1.5), (.osteoarthritis, 2)]
            case .kidneyDisease: [(.hypertension, 2), (.heartFailure, 1.5)]
            default: []
            }
        }

        /// Makes ED visits and admissions likelier.
        var isSevere: Bool {
            switch self {
            case .heartFailure, .copd, .kidneyDisease, .dementia, .alcohol, .stroke: true
            default: false
            }
        }

        /// Why someone with this condition goes to the emergency department.
        var acuteReasons: [Concept] {
            switch self {
            case .heartFailure: [.icd("I50.23", "Acute on chronic systolic (congestive) heart failure", text: "Acute on chronic heart failure"),
                                 .icd("R06.02", "Shortness of breath")]
            case .copd: [.icd("J44.1", "Chronic obstructive pulmonary disease with (acute) exacerbation", text: "COPD exacerbation"),
                         .icd("J18.9", "Pneumonia, unspecified organism", text: "Pneumonia")]
            case .diabetes: [.icd("E11.65", "Type 2 diabetes mellitus with hyperglycemia", text: "Hyperglycemia"),
                             .icd("L03.115", "Cellulitis of right lower limb", text: "Cellulitis of the right leg")]
            case .kidneyDisease: [.icd("N17.9", "Acute kidney failure, unspecified", text: "Acute kidney injury"),
                                  .icd("E87.5", "Hyperkalemia")]
            case .atrialFibrillation: [.icd("I48.91", "Unspecified atrial fibrillation", text: "Atrial fibrillation with rapid heart rate")]
            case .coronaryDisease: [.icd("R07.9", "Chest pain, unspecified", text: "Chest pain")]
            case .dementia, .stroke, .osteoarthritis: [.icd("W19.XXXA", "Unspecified fall, initial encounter", text: "Fall at home"),
                                                       .icd("N39.0", "Urinary tract infection, site not specified", text: "Urinary tract infection")]
            case .depression, .anxiety: [.icd("F41.0", "Panic disorder [episodic paroxysmal anxiety]", text: "Panic attack")]
            case .alcohol: [.icd("F10.230", "Alcohol dependence with withdrawal, uncomplicated", text: "Alcohol withdrawal")]
            case .asthma: [.icd("J45.41", "Moderate persistent asthma with (acute) exacerbation", text: "Asthma attack")]
            case .hypertension: [.icd("I16.0", "Hypertensive urgency")]
            default: []
            }
        }
    }

    /// A code (or only text) with what people read.
    struct Concept: Sendable {
        let system: String?
        let code: String?
        let display: String
        let text: String

        static func icd(_ code: String, _ display: String, text: String? = nil) -> Concept {
            Concept(system: icd10, code: code, display: display, text: text ?? display)
        }

        static func snomed(_ code: String, _ display: String, text: String) -> Concept {
            Concept(system: DemoCatalog.snomed, code: code, display: display, text: text)
        }

        static func textOnly(_ text: String) -> Concept { Concept(system: nil, code: nil, display: text, text: text) }
    }

    static let icd10 = "http://hl7.org/fhir/sid/icd-10-cm"
    static let snomed = "http://snomed.info/sct"
    static let rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm"
    static let loinc = "http://loinc.org"
    static let ucum = "http://unitsofmeasure.org"

    /// Encounters for a general acute problem, whatever the chronic conditions.
    static let generalAcuteReasons: [Concept] = [
        .icd("R07.9", "Chest pain, unspecified", text: "Chest pain"),
        .icd("N39.0", "Urinary tract infection, site not specified", text: "Urinary tract infection"),
        .icd("R55", "Syncope and collapse", text: "Fainting"),
        .icd("W19.XXXA", "Unspecified fall, initial encounter", text: "Fall"),
        .icd("R10.9", "Unspecified abdominal pain", text: "Abdominal pain"),
    ]

    /// A medicine: its concept, dose text and monthly cost to the plan (USD).
    struct Drug: Sendable {
        let concept: Concept
        let dosage: String
        let monthlyCost: Double

        static func rx(_ code: String, _ name: String, _ dosage: String, _ cost: Double) -> Drug {
            Drug(concept: Concept(system: DemoCatalog.rxnorm, code: code, display: name, text: name), dosage: dosage, monthlyCost: cost)
        }

        static func text(_ name: String, _ dosage: String, _ cost: Double) -> Drug {
            Drug(concept: .textOnly(name), dosage: dosage, monthlyCost: cost)
        }
    }

    enum Drugs {
        static let lisinopril = Drug.rx("314076", "lisinopril 10 MG Oral Tablet", "1 tablet by mouth once daily", 9)
        static let losartan = Drug.text("losartan potassium 50 MG Oral Tablet", "1 tablet by mouth once daily", 12)
        static let amlodipine = Drug.rx("197361", "amlodipine 5 MG Oral Tablet", "1 tablet by mouth once daily", 8)
        static let hydrochlorothiazide = Drug.rx("310798", "hydrochlorothiazide 25 MG Oral Tablet", "1 tablet by mouth every morning", 6)
        static let metformin = Drug.rx("860975", "24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet",
                                       "2 tablets by mouth with the evening meal", 14)
        static let insulin = Drug.rx("106892", "insulin isophane, human 70 UNT/ML / insulin, regular, human 30 UNT/ML Injectable Suspension [Humulin 70/30]",
                                     "20 units under the skin twice daily before meals", 290)
        static let empagliflozin = Drug.text("empagliflozin 10 MG Oral Tablet", "1 tablet by mouth once daily", 560)
        static let atorvastatin = Drug.rx("259255", "atorvastatin 80 MG Oral Tablet", "1 tablet by mouth at bedtime", 15)
        static let simvastatin = Drug.rx("312961", "simvastatin 20 MG Oral Tablet", "1 tablet by mouth at bedtime", 7)
        static let furosemide = Drug.rx("313988", "furosemide 40 MG Oral Tablet", "1 tablet by mouth every morning; weigh yourself daily", 7)
        static let carvedilol = Drug.rx("200031", "carvedilol 6.25 MG Oral Tablet", "1 tablet by mouth twice daily with food", 11)
        static let metoprolol = Drug.rx("866414", "24 HR metoprolol succinate 100 MG Extended Release Oral Tablet", "1 tablet by mouth once daily", 13)
        static let spironolactone = Drug.text("spironolactone 25 MG Oral Tablet", "1 tablet by mouth once daily", 10)
        static let warfarin = Drug.rx("855332", "warfarin sodium 5 MG Oral Tablet", "as directed by the anticoagulation clinic", 12)
        static let apixaban = Drug.text("apixaban 5 MG Oral Tablet", "1 tablet by mouth twice daily", 520)
        static let aspirin = Drug.rx("243670", "aspirin 81 MG Oral Tablet", "1 tablet by mouth once daily", 2)
        static let albuterol = Drug.rx("745679", "200 ACTUAT albuterol 0.09 MG/ACTUAT Metered Dose Inhaler",
                                       "2 puffs every 4 to 6 hours as needed for wheezing", 55)
        static let tiotropium = Drug.text("tiotropium 18 MCG Inhalation Capsule", "inhale the contents of 1 capsule once daily", 410)
        static let fluticasoneSalmeterol = Drug.text("fluticasone propionate 250 MCG / salmeterol 50 MCG Inhalation Powder",
                                                     "1 inhalation twice daily", 330)
        static let sertraline = Drug.rx("312938", "sertraline 100 MG Oral Tablet", "1 tablet by mouth once daily", 9)
        static let escitalopram = Drug.text("escitalopram 10 MG Oral Tablet", "1 tablet by mouth once daily", 10)
        static let buspirone = Drug.text("buspirone hydrochloride 10 MG Oral Tablet", "1 tablet by mouth twice daily", 12)
        static let nicotinePatch = Drug.text("nicotine 21 MG/24HR Transdermal Patch", "apply 1 patch daily", 45)
        static let naltrexone = Drug.text("naltrexone hydrochloride 50 MG Oral Tablet", "1 tablet by mouth once daily", 38)
        static let donepezil = Drug.text("donepezil hydrochloride 10 MG Oral Tablet", "1 tablet by mouth at bedtime", 14)
        static let acetaminophen = Drug.rx("313782", "acetaminophen 325 MG Oral Tablet", "2 tablets by mouth every 6 hours as needed for pain", 4)
    }

    /// An allergy or intolerance.
    struct Allergy: Sendable {
        let concept: Concept
        let category: String
        let type: String
        let criticality: String
        let reaction: String
    }

    static let allergies: [Allergy] = [
        Allergy(concept: .snomed("764146007", "Penicillin V (substance)", text: "Penicillin"), category: "medication", type: "allergy",
                criticality: "high", reaction: "Hives"),
        Allergy(concept: .textOnly("Sulfonamide antibiotics"), category: "medication", type: "allergy", criticality: "low", reaction: "Rash"),
        Allergy(concept: .snomed("387458008", "Aspirin (substance)", text: "Aspirin"), category: "medication", type: "intolerance",
                criticality: "low", reaction: "Stomach upset"),
        Allergy(concept: .snomed("387494007", "Codeine (substance)", text: "Codeine"), category: "medication", type: "intolerance",
                criticality: "low", reaction: "Nausea and vomiting"),
        Allergy(concept: .snomed("762952008", "Peanut (substance)", text: "Peanuts"), category: "food", type: "allergy",
                criticality: "high", reaction: "Throat swelling"),
        Allergy(concept: .snomed("111088007", "Latex (substance)", text: "Latex"), category: "environment", type: "allergy",
                criticality: "low", reaction: "Contact dermatitis"),
        Allergy(concept: .textOnly("Shellfish"), category: "food", type: "allergy", criticality: "high", reaction: "Hives and wheezing"),
    ]
}
