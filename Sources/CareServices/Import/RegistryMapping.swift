import CareCore
import FHIR

/// How an imported FHIR `Patient` becomes a row of Tend's patient registry (the FHIR JSON itself
/// is kept unchanged in `fhir_resources`; this is only what lists, search and the chart header use).
enum RegistryMapping {
    /// Registry details from a FHIR Patient. Missing parts stay empty; a Patient without a usable
    /// `birthDate` gets 1900-01-01, the registry's "unknown" (the column cannot be empty), and the
    /// FHIR JSON still says what the source said.
    static func details(from patient: FHIR.PatientRecord) -> PatientDetails {
        let name = patient.preferredName
        let given = name?.given.first ?? name?.text ?? ""
        let birthDate = patient.birthDate.flatMap { date -> LocalDate? in
            switch date.precision {
            case .day: return LocalDate(iso: date.text)
            case .month: return LocalDate(iso: date.text + "-01")
            case .year: return LocalDate(iso: date.text + "-01-01")
            case .time: return LocalDate(iso: String(date.text.prefix(10)))
            }
        } ?? LocalDate(year: 1900, month: 1, day: 1)!
        let address = patient.addresses.first
        let phone = patient.telecom.first { $0.system == "phone" }?.value ?? ""
        let email = patient.telecom.first { $0.system == "email" }?.value ?? ""
        var identifiers: [PatientIdentifier] = []
        if let mrn = patient.medicalRecordNumber, !mrn.isEmpty { identifiers.append(PatientIdentifier(system: .mrn, value: mrn)) }
        return PatientDetails(
            givenName: given, familyName: name?.family ?? "", birthDate: birthDate, sex: Sex(rawValue: patient.gender ?? "") ?? .unknown,
            preferredLanguage: languageName(patient.language), phone: phone, email: email,
            address: CareCore.Address(line1: address?.lines.first ?? "", line2: address?.lines.dropFirst().first ?? "",
                                      city: address?.city ?? "", state: address?.state ?? "", postalCode: address?.postalCode ?? ""),
            identifiers: identifiers)
    }

    /// BCP-47 language tags (as FHIR `communication.language` carries them) → the registry's language names.
    static func languageName(_ tag: String?) -> String {
        guard let tag, !tag.isEmpty else { return "English" }
        let primary = String(tag.split(separator: "-").first ?? "").lowercased()
        return names[primary] ?? tag
    }

    /// The BCP-47 tag of a registry language name, when it is one Tend knows.
    static func languageTag(_ name: String) -> String? {
        names.first { $0.value == name }?.key
    }

    private static let names = ["en": "English", "es": "Spanish", "zh": "Chinese", "vi": "Vietnamese", "pt": "Portuguese", "fr": "French",
                                "ht": "Haitian Creole", "ru": "Russian", "ar": "Arabic", "ko": "Korean", "tl": "Tagalog", "de": "German", "it": "Italian"]
}
