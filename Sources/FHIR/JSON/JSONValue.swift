import Foundation

/// The kind of a JSON value.
public enum JSONKind: Sendable, Equatable {
    case object, array, string, number, bool, null
}

/// A light view of one value inside a `JSONDocument`: cheap to copy, reads lazily.
///
/// Lookups walk the document's tape; nothing is decoded until asked for. Accessors return `nil`
/// when the value has another kind, so reading optional FHIR elements needs no `try`.
public struct JSONValue: Sendable {
    /// The document this value belongs to.
    public let document: JSONDocument
    /// Position of this value on the document's tape (stable for the document's lifetime).
    public let index: Int

    @inline(__always) var node: JSONNode { document.nodes[index] }

    /// What kind of value this is.
    public var kind: JSONKind {
        switch node.kind {
        case .object: return .object
        case .array: return .array
        case .string: return .string
        case .number: return .number
        case .trueLiteral, .falseLiteral: return .bool
        case .null: return .null
        }
    }

    /// The byte range of this value in `document.bytes` (strings include their quotes).
    public var byteRange: Range<Int> { Int(node.start)..<Int(node.end) }

    /// The exact source bytes of this value, whitespace and all.
    public var sourceBytes: ArraySlice<UInt8> { document.bytes[byteRange] }

    /// Where this value starts in the source.
    public var position: SourcePosition { SourcePosition(offset: Int(node.start), in: document.bytes) }

    /// Number of members of an object or elements of an array; 0 for other kinds.
    public var count: Int { Int(node.count) }

    // MARK: - Scalars

    /// The decoded text of a string value (after any replacement), or `nil` for other kinds.
    public var string: String? {
        let node = self.node
        guard node.kind == .string else { return nil }
        if let replaced = document.replacements.text(forNode: index) { return replaced }
        return JSONStringDecoding.decode(document.bytes, node)
    }

    /// The source text of a number exactly as written (`1.50` stays `1.50`), or `nil`.
    public var numberText: String? {
        let node = self.node
        guard node.kind == .number else { return nil }
        return String(decoding: document.bytes[Int(node.start)..<Int(node.end)], as: UTF8.self)
    }

    /// A number as a `Double` (nearest representable), or `nil`.
    public var double: Double? { numberText.flatMap { Double($0) } }

    /// A number as an `Int` when it is written as an integer that fits, or `nil`.
    public var int: Int? { numberText.flatMap { Int($0) } }

    /// A number as a `Decimal` (exact for the decimal digits FHIR uses), or `nil`.
    public var decimal: Decimal? { numberText.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) } }

    /// `true` or `false`, or `nil` for other kinds.
    public var bool: Bool? {
        switch node.kind {
        case .trueLiteral: return true
        case .falseLiteral: return false
        default: return nil
        }
    }

    /// Whether this value is the literal `null`.
    public var isNull: Bool { node.kind == .null }

    // MARK: - Containers

    /// The value of the first member named `key`, or `nil` when absent or when this is not an object.
    public subscript(key: String) -> JSONValue? {
        let nodes = document.nodes
        guard nodes[index].kind == .object else { return nil }
        var key = key
        return key.withUTF8 { wanted -> JSONValue? in
            var cursor = index + 1
            let end = Int(nodes[index].after)
            while cursor < end {
                if keyMatches(nodes[cursor], wanted) { return JSONValue(document: document, index: cursor + 1) }
                cursor = Int(nodes[cursor + 1].after)
            }
            return nil
        }
    }

    /// The element at `position` of an array, or `nil` when out of range or not an array.
    public subscript(position: Int) -> JSONValue? {
        guard node.kind == .array, position >= 0, position < count else { return nil }
        var cursor = index + 1
        for _ in 0..<position { cursor = Int(document.nodes[cursor].after) }
        return JSONValue(document: document, index: cursor)
    }

    /// The elements of an array in order (empty for other kinds).
    public var elements: [JSONValue] {
        let nodes = document.nodes
        guard nodes[index].kind == .array else { return [] }
        var result: [JSONValue] = []
        result.reserveCapacity(Int(nodes[index].count))
        var cursor = index + 1
        let end = Int(nodes[index].after)
        while cursor < end {
            result.append(JSONValue(document: document, index: cursor))
            cursor = Int(nodes[cursor].after)
        }
        return result
    }

    /// The members of an object in source order, duplicates included (empty for other kinds).
    public var members: [(key: String, value: JSONValue)] {
        let nodes = document.nodes
        guard nodes[index].kind == .object else { return [] }
        var result: [(key: String, value: JSONValue)] = []
        result.reserveCapacity(Int(nodes[index].count))
        var cursor = index + 1
        let end = Int(nodes[index].after)
        while cursor < end {
            let key = JSONStringDecoding.decode(document.bytes, nodes[cursor])
            result.append((key, JSONValue(document: document, index: cursor + 1)))
            cursor = Int(nodes[cursor + 1].after)
        }
        return result
    }

    func keyMatches(_ keyNode: JSONNode, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        if keyNode.flags & JSONNode.hasEscapes != 0 {
            return JSONStringDecoding.decode(document.bytes, keyNode).utf8.elementsEqual(wanted)
        }
        let length = Int(keyNode.end - keyNode.start) - 2
        guard length == wanted.count else { return false }
        return document.bytes.withUnsafeBufferPointer { source in
            length == 0 || memcmp(source.baseAddress.unsafelyUnwrapped + Int(keyNode.start) + 1, wanted.baseAddress.unsafelyUnwrapped, length) == 0
        }
    }
}
