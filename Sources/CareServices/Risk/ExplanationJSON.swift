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
        quoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func field(_ key: String, string value: String) { self.key(key); string(value) }
    mutating func field(_ key: String, number value: Int) { self.key(key); comma(); digits(value); needsComma = true }
    mutating func field(_ key: String, bool value: Bool) { self.key(key); raw(value ? "true" : "false") }
    mutating func field(_ key: String, strings value: [String]) { self.key(key); array(value) { $0.string($1) } }
    /// A coefficient in thousandths written as an exact decimal (0.395, -0.02, 1).
    mutating func field(_ key: String, thousandths value: Int) {
        self.key(key)
        comma()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = Int(value.magnitude)
        digits(magnitude / 1000)
        var fraction = magnitude % 1000
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            var width = 3
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            var divisor = width == 3 ? 100 : width == 2 ? 10 : 1
            while divisor > 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10)); divisor /= 10 }
        }
        needsComma = true
    }

    mutating func string(_ value: String) { comma(); quoted(value); needsComma = true }
    mutating func raw(_ text: String) { comma(); bytes.append(contentsOf: text.utf8); needsComma = true }

    /// The JSON string of `text`: copied whole when nothing needs escaping (codes, names, notes), else
    /// escaped by the FHIR writer.
    private mutating func quoted(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return true
        }
        if !plain { FHIR.JSONWriter.appendQuoted(text, to: &bytes) }
    }

    /// A whole number in decimal, without a String.
    private mutating func digits(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

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
