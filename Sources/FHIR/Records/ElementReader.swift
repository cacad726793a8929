/// Reads FHIR datatypes out of one resource, naming the resource and path in any error.
struct ElementReader {
    let resourceType: String
    let id: String
    let root: JSONValue

    init(_ resource: FHIRResource) {
        resourceType = resource.resourceType
        id = resource.id
        root = resource.value
    }

    func string(_ key: String) -> String? { root[key]?.string }

    func reference(_ key: String) -> String? { root[key]?["reference"]?.string }

    func references(_ key: String) -> [String] { (root[key]?.elements ?? []).compactMap { $0["reference"]?.string } }

    func concept(_ key: String) -> CodeableConcept? { root[key].map(Self.concept) }

    func concepts(_ key: String) -> [CodeableConcept] { (root[key]?.elements ?? []).map(Self.concept) }

    func dateTime(_ key: String, in value: JSONValue? = nil, path: String? = nil) throws(FHIRError) -> FHIRDateTime? {
        guard let element = (value ?? root)[key] else { return nil }
        guard let text = element.string, let parsed = FHIRDateTime(text) else {
            throw invalid(path ?? key, element, expected: "a FHIR dateTime (YYYY[-MM[-DD[Thh:mm:ss[.f](Z|±hh:mm)]]])")
        }
        return parsed
    }

    /// The first of the `dateTime` elements `keys` present, else the start of period `periodKey`.
    func firstDateTime(_ keys: [String], orStartOf periodKey: String? = nil) throws(FHIRError) -> FHIRDateTime? {
        for key in keys {
            if let value = try dateTime(key) { return value }
        }
        guard let periodKey else { return nil }
        return try period(periodKey)?.start
    }

    func date(_ key: String) throws(FHIRError) -> FHIRDateTime? {
        guard let element = root[key] else { return nil }
        guard let text = element.string, let parsed = FHIRDateTime(date: text) else {
            throw invalid(key, element, expected: "a FHIR date (YYYY[-MM[-DD]])")
        }
        return parsed
    }

    func period(_ key: String, in value: JSONValue? = nil) throws(FHIRError) -> Period? {
        guard let element = (value ?? root)[key] else { return nil }
        return Period(start: try dateTime("start", in: element, path: "\(key).start"),
                      end: try dateTime("end", in: element, path: "\(key).end"))
    }

    func number(_ value: JSONValue?, path: String) throws(FHIRError) -> JSONNumber? {
        guard let value else { return nil }
        guard let text = value.numberText else { throw invalid(path, value, expected: "a JSON number") }
        return JSONNumber(validatedText: text)
    }

    func quantity(_ value: JSONValue?, path: String) throws(FHIRError) -> Quantity? {
        guard let value else { return nil }
        return Quantity(value: try number(value["value"], path: "\(path).value"), unit: value["unit"]?.string,
                        system: value["system"]?.string, code: value["code"]?.string)
    }

    func money(_ value: JSONValue?, path: String) throws(FHIRError) -> Money? {
        guard let value else { return nil }
        return Money(value: try number(value["value"], path: "\(path).value"), currency: value["currency"]?.string)
    }

    func identifiers(_ key: String = "identifier") -> [Identifier] {
        (root[key]?.elements ?? []).map { element in
            let type = element["type"].map(Self.concept)
            return Identifier(system: element["system"]?.string, value: element["value"]?.string,
                              typeCode: type?.code(in: CodeSystem.identifierType) ?? type?.firstCode, typeText: type?.text)
        }
    }

    func names(_ key: String = "name") -> [HumanName] {
        (root[key]?.elements ?? []).map { element in
            HumanName(use: element["use"]?.string, family: element["family"]?.string, given: Self.strings(element["given"]),
                      prefix: Self.strings(element["prefix"]), suffix: Self.strings(element["suffix"]), text: element["text"]?.string)
        }
    }

    func addresses(_ key: String = "address") -> [Address] {
        (root[key]?.elements ?? []).map { element in
            Address(use: element["use"]?.string, lines: Self.strings(element["line"]), city: element["city"]?.string,
                    district: element["district"]?.string, state: element["state"]?.string,
                    postalCode: element["postalCode"]?.string, country: element["country"]?.string)
        }
    }

    func telecom(_ key: String = "telecom") -> [ContactPoint] {
        (root[key]?.elements ?? []).map { element in
            ContactPoint(system: element["system"]?.string, value: element["value"]?.string, use: element["use"]?.string)
        }
    }

    func invalid(_ path: String, _ value: JSONValue, expected: String) -> FHIRError {
        let text = value.string ?? String(decoding: JSONWriter.compact(value).prefix(80), as: UTF8.self)
        return .invalidElement(path: path, value: text, expected: expected, resourceType: resourceType, id: id)
    }

    static func concept(_ value: JSONValue) -> CodeableConcept {
        CodeableConcept(codings: (value["coding"]?.elements ?? []).map(coding), text: value["text"]?.string)
    }

    static func coding(_ value: JSONValue) -> Coding {
        Coding(system: value["system"]?.string, code: value["code"]?.string, display: value["display"]?.string)
    }

    static func strings(_ value: JSONValue?) -> [String] { (value?.elements ?? []).compactMap(\.string) }
}
