import FHIR
import RiskModels

/// A small compact-JSON builder for risk explanations (keys in the order written, numbers exact).
struct ExplanationJSON {
    private(set) var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(512) }

    /// `{` then the first field.
    mutating func open(_ key: String, string value: String) { begin(); field(key, string: value) }
    mutating func open(_ key: String, strings value: [String]) { begin(); field(key, strings: value) }

    mutating func begin() { comma(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }

    mutating func key(_ key: String) {
        comma()
        FHIR.JSONWriter.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func field(_ key: String, string value: String) { self.key(key); string(value) }
    mutating func field(_ key: String, number value: Int) { self.key(key); raw(String(value)) }
    mutating func field(_ key: String, bool value: Bool) { self.key(key); raw(value ? "true" : "false") }
    mutating func field(_ key: String, strings value: [String]) { self.key(key); array(value) { $0.string($1) } }
    /// A coefficient in thousandths written as an exact decimal (0.395, -0.02, 1).
    mutating func field(_ key: String, thousandths value: Int) { self.key(key); raw(Self.decimal(thousandths: value)) }

    mutating func string(_ value: String) { comma(); FHIR.JSONWriter.appendQuoted(value, to: &bytes); needsComma = true }
    mutating func raw(_ text: String) { comma(); bytes += Array(text.utf8); needsComma = true }

    mutating func codes(_ codes: ArraySlice<ICD10Code>) { array(codes) { $0.string($1.description) } }

    mutating func array<C: Collection>(_ items: C, _ element: (inout ExplanationJSON, C.Element) -> Void) {
        comma()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { element(&self, item) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    private mutating func comma() { if needsComma { bytes.append(UInt8(ascii: ",")) } }

    /// 395 → "0.395", -20 → "-0.02", 1000 → "1".
    static func decimal(thousandths value: Int) -> String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        var fraction = String(magnitude % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 1000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
