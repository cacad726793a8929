/// A provider organization or payer (FHIR `Organization`).
public struct OrganizationRecord: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var identifiers: [Identifier]
    public var types: [CodeableConcept]
    public var addresses: [Address]
    public var telecom: [ContactPoint]

    /// Reads an `Organization` resource.
    public init(_ resource: FHIRResource) {
        let reader = ElementReader(resource)
        id = resource.id
        name = reader.string("name")
        identifiers = reader.identifiers()
        types = reader.concepts("type")
        addresses = reader.addresses()
        telecom = reader.telecom()
    }
}

/// A clinician (FHIR `Practitioner`).
public struct PractitionerRecord: Hashable, Sendable {
    public var id: String
    public var names: [HumanName]
    public var identifiers: [Identifier]
    public var gender: String?
    public var addresses: [Address]
    public var telecom: [ContactPoint]

    /// The National Provider Identifier, if given.
    public var npi: String? { identifiers.first { $0.system == CodeSystem.npi }?.value }

    /// Reads a `Practitioner` resource.
    public init(_ resource: FHIRResource) {
        let reader = ElementReader(resource)
        id = resource.id
        names = reader.names()
        identifiers = reader.identifiers()
        gender = reader.string("gender")
        addresses = reader.addresses()
        telecom = reader.telecom()
    }
}
