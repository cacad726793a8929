/// A FHIR `Coding`: one code from one code system.
public struct Coding: Hashable, Sendable {
    public var system: String?
    public var code: String?
    public var display: String?
}

/// A FHIR `CodeableConcept`: codings from several systems plus free text.
public struct CodeableConcept: Hashable, Sendable {
    public var codings: [Coding]
    public var text: String?

    /// The first code from `system`, e.g. `code(in: CodeSystem.loinc)`.
    public func code(in system: String) -> String? {
        codings.first { $0.system == system }?.code
    }

    /// The first coding's code, whatever its system.
    public var firstCode: String? { codings.first?.code }
}

/// Code system URIs named in FHIR R4 and used by the records.
public enum CodeSystem {
    public static let loinc = "http://loinc.org"
    public static let snomed = "http://snomed.info/sct"
    public static let rxnorm = "http://www.nlm.nih.gov/research/umls/rxnorm"
    public static let icd10CM = "http://hl7.org/fhir/sid/icd-10-cm"
    public static let cvx = "http://hl7.org/fhir/sid/cvx"
    public static let identifierType = "http://terminology.hl7.org/CodeSystem/v2-0203"
    public static let npi = "http://hl7.org/fhir/sid/us-npi"
    public static let ssn = "http://hl7.org/fhir/sid/us-ssn"
}

/// A FHIR `Quantity`; the value keeps its decimal text (`1.50`).
public struct Quantity: Hashable, Sendable {
    public var value: JSONNumber?
    public var unit: String?
    public var system: String?
    public var code: String?

    /// The value as a `Double`, for arithmetic that tolerates binary rounding.
    public var doubleValue: Double? { value.flatMap { Double($0.text) } }
}

/// A FHIR `Money` amount; the value keeps its decimal text.
public struct Money: Hashable, Sendable {
    public var value: JSONNumber?
    public var currency: String?
}

/// A FHIR `Period`.
public struct Period: Hashable, Sendable {
    public var start: FHIRDateTime?
    public var end: FHIRDateTime?
}

/// A FHIR `Identifier`, with the code of its type (`MR`, `SS`, `DL`…, from v2-0203).
public struct Identifier: Hashable, Sendable {
    public var system: String?
    public var value: String?
    public var typeCode: String?
    public var typeText: String?
}

/// A FHIR `HumanName`.
public struct HumanName: Hashable, Sendable {
    public var use: String?
    public var family: String?
    public var given: [String]
    public var prefix: [String]
    public var suffix: [String]
    public var text: String?
}

/// A FHIR `Address`.
public struct Address: Hashable, Sendable {
    public var use: String?
    public var lines: [String]
    public var city: String?
    public var district: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
}

/// A FHIR `ContactPoint` (phone, email…).
public struct ContactPoint: Hashable, Sendable {
    public var system: String?
    public var value: String?
    public var use: String?
}
