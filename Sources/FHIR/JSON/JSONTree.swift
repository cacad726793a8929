/// A fully materialised JSON value: for building JSON, comparing documents and tests.
///
/// Objects keep members in order (duplicates included) and numbers keep their source text, so
/// two trees are equal exactly when they are the same JSON text up to insignificant whitespace
/// and string escaping.
public indirect enum JSONTree: Equatable, Hashable, Sendable {
    case object([Member])
    case array([JSONTree])
    case string(String)
    case number(JSONNumber)
    case bool(Bool)
    case null

    /// One member of an object.
    public struct Member: Equatable, Hashable, Sendable {
        public var key: String
        public var value: JSONTree
        /// A member named `key`.
        public init(_ key: String, _ value: JSONTree) {
            self.key = key
            self.value = value
        }
    }

    /// Materialises `value` and everything under it (string replacements applied).
    public init(_ value: JSONValue) {
        switch value.kind {
        case .object: self = .object(value.members.map { Member($0.key, JSONTree($0.value)) })
        case .array: self = .array(value.elements.map(JSONTree.init))
        case .string: self = .string(value.string ?? "")
        case .number: self = .number(JSONNumber(validatedText: value.numberText ?? "0"))
        case .bool: self = .bool(value.bool ?? false)
        case .null: self = .null
        }
    }

    /// Compact JSON text for this tree.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output)
        return output
    }

    private func write(to output: inout [UInt8]) {
        switch self {
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                JSONWriter.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case let .array(elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                element.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .string(text): JSONWriter.appendQuoted(text, to: &output)
        case let .number(number): output.append(contentsOf: number.text.utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        }
    }
}

/// A JSON number kept as its text, which always matches the RFC 8259 number grammar.
public struct JSONNumber: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The number as written, e.g. `1.50` or `-2e10`.
    public let text: String

    /// Accepts `text` only if it is a valid JSON number.
    public init?(_ text: String) {
        guard let document = try? JSONDocument(text), document.root.kind == .number else { return nil }
        self.text = text
    }

    /// An integer number.
    public init(_ integer: Int) { text = String(integer) }

    init(validatedText: String) { text = validatedText }

    public var description: String { text }
}
