/// Administrative sex as FHIR R4 `AdministrativeGender` defines it.
public enum Sex: String, Sendable, CaseIterable, Codable {
    case female, male, other, unknown

    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
