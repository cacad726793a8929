/// The value of an observation or of one of its components (`value[x]`).
public enum ObservationValue: Hashable, Sendable {
    case quantity(Quantity)
    case concept(CodeableConcept)
    case string(String)
    case boolean(Bool)
    case integer(JSONNumber)
    case dateTime(FHIRDateTime)
}

/// One `Observation.component` (e.g. the systolic half of a blood pressure).
public struct ObservationComponent: Hashable, Sendable {
    public var code: CodeableConcept?
    public var value: ObservationValue?

    /// The component's LOINC code.
    public var loincCode: String? { code?.code(in: CodeSystem.loinc) }
}

/// A measurement or finding (FHIR `Observation`): vitals, labs, survey answers.
public struct ObservationRecord: Hashable, Sendable {
    public var id: String
    public var patient: String?
    public var encounter: String?
    public var status: String?
    public var categories: [CodeableConcept]
    public var code: CodeableConcept?
    public var value: ObservationValue?
    public var components: [ObservationComponent]
    /// `effectiveDateTime`, `effectiveInstant`, else `effectivePeriod.start`.
    public var effective: FHIRDateTime?
    public var issued: FHIRDateTime?

    /// The observation's LOINC code, if it has one.
    public var loincCode: String? { code?.code(in: CodeSystem.loinc) }

    /// Reads an `Observation` resource.
    public init(_ resource: FHIRResource) throws(FHIRError) {
        let reader = ElementReader(resource)
        id = resource.id
        patient = reader.reference("subject")
        encounter = reader.reference("encounter")
        status = reader.string("status")
        categories = reader.concepts("category")
        code = reader.concept("code")
        value = try Self.value(of: reader.root, reader: reader, path: "")
        components = []
        for (index, component) in (reader.root["component"]?.elements ?? []).enumerated() {
            components.append(ObservationComponent(code: component["code"].map(ElementReader.concept),
                                                   value: try Self.value(of: component, reader: reader, path: "component[\(index)].")))
        }
        effective = try reader.firstDateTime(["effectiveDateTime", "effectiveInstant"], orStartOf: "effectivePeriod")
        issued = try reader.dateTime("issued")
    }

    private static func value(of element: JSONValue, reader: ElementReader, path: String) throws(FHIRError) -> ObservationValue? {
        if let quantity = try reader.quantity(element["valueQuantity"], path: path + "valueQuantity") { return .quantity(quantity) }
        if let concept = element["valueCodeableConcept"] { return .concept(ElementReader.concept(concept)) }
        if let text = element["valueString"]?.string { return .string(text) }
        if let flag = element["valueBoolean"]?.bool { return .boolean(flag) }
        if let integer = try reader.number(element["valueInteger"], path: path + "valueInteger") { return .integer(integer) }
        if let time = try reader.dateTime("valueDateTime", in: element, path: path + "valueDateTime") { return .dateTime(time) }
        return nil
    }
}
