/// A parsed JSON text: the source bytes plus a tape of nodes in document order.
///
/// The tape holds no copies of strings or numbers, only byte ranges, so parsing allocates one
/// array. Every value remembers its exact source bytes (`JSONValue.byteRange`), and numbers keep
/// their textual form (`1.50` stays `1.50`). A document is immutable and safe to share.
///
/// A document may carry string replacements (see `replacingStrings(_:)`): the bundle reader uses
/// them to rewrite `urn:uuid:` references, and every reader of the document (`JSONValue.string`,
/// `JSONWriter`, `JSONTree`) sees the replaced text, so the typed view and the stored JSON agree.
public final class JSONDocument: Sendable {
    /// The UTF-8 source text, exactly as given.
    public let bytes: [UInt8]
    let nodes: [JSONNode]
    let replacements: StringReplacements

    /// The default limit on nesting of arrays and objects (FHIR resources rarely pass 15).
    public static let defaultMaximumDepth = 256

    /// Parses `bytes` as one strict RFC 8259 JSON text.
    ///
    /// A leading UTF-8 byte order mark is skipped, as RFC 8259 §8.1 permits. Throws
    /// `FHIRError.invalidJSON` with the issue and its line and column.
    public init(bytes: [UInt8], maximumDepth: Int = JSONDocument.defaultMaximumDepth) throws(FHIRError) {
        guard bytes.count < Int(UInt32.max) else {
            throw FHIRError.invalidJSON(.inputTooLarge, at: SourcePosition(offset: 0, line: 1, column: 1))
        }
        let result: Result<[JSONNode], JSONParseFailure> = bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(buffer, maximumDepth: maximumDepth)
            do throws(JSONParseFailure) {
                try parser.parseDocument()
                return .success(parser.nodes)
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case let .success(nodes):
            self.bytes = bytes
            self.nodes = nodes
            self.replacements = StringReplacements()
        case let .failure(failure):
            throw FHIRError.invalidJSON(failure.issue, at: SourcePosition(offset: failure.offset, in: bytes))
        }
    }

    /// Parses a copy of the bytes in `buffer`.
    public convenience init(copying buffer: UnsafeRawBufferPointer, maximumDepth: Int = JSONDocument.defaultMaximumDepth) throws(FHIRError) {
        try self.init(bytes: Array(buffer), maximumDepth: maximumDepth)
    }

    /// Parses the UTF-8 form of `text` (for tests and small bodies).
    public convenience init(_ text: String, maximumDepth: Int = JSONDocument.defaultMaximumDepth) throws(FHIRError) {
        try self.init(bytes: Array(text.utf8), maximumDepth: maximumDepth)
    }

    private init(bytes: [UInt8], nodes: [JSONNode], replacements: StringReplacements) {
        self.bytes = bytes
        self.nodes = nodes
        self.replacements = replacements
    }

    /// The top-level value.
    public var root: JSONValue { JSONValue(document: self, index: 0) }

    /// The same document, with the string values at the given node indices (`JSONValue.index`)
    /// reading as the new text. Bytes and tape are shared, not copied.
    /// Indices that are not string values are ignored.
    public func replacingStrings(_ changes: [Int: String]) -> JSONDocument {
        let valid = changes.filter { $0.key >= 0 && $0.key < nodes.count && nodes[$0.key].kind == .string }
        return JSONDocument(bytes: bytes, nodes: nodes, replacements: replacements.merging(valid))
    }
}

/// One entry of the tape. Containers are followed by their children; `after` is the index of the
/// first node past the whole subtree, so skipping a value is O(1).
struct JSONNode: Sendable {
    var kind: JSONNodeKind
    /// `JSONNode.hasEscapes` and `JSONNode.isKey` bits.
    var flags: UInt8
    /// Byte offset of the first byte (the opening quote for strings).
    var start: UInt32
    /// Byte offset one past the last byte (past the closing quote for strings).
    var end: UInt32
    /// Index of the first node after this value's subtree.
    var after: UInt32
    /// Members of an object or elements of an array; 0 otherwise.
    var count: UInt32

    static let hasEscapes: UInt8 = 1
    static let isKey: UInt8 = 2
}

enum JSONNodeKind: UInt8, Sendable {
    case object, array, string, number, trueLiteral, falseLiteral, null
}

/// String values replaced after parsing, sorted by node index for binary search.
struct StringReplacements: Sendable {
    private(set) var indices: [Int] = []
    private(set) var texts: [String] = []

    var isEmpty: Bool { indices.isEmpty }

    func text(forNode index: Int) -> String? {
        guard !indices.isEmpty else { return nil }
        let slot = firstSlot(atOrAfter: index)
        return slot < indices.count && indices[slot] == index ? texts[slot] : nil
    }

    /// The first slot whose node index is `>= index`.
    func firstSlot(atOrAfter index: Int) -> Int {
        var low = 0
        var high = indices.count
        while low < high {
            let mid = (low + high) / 2
            if indices[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func merging(_ changes: [Int: String]) -> StringReplacements {
        var all: [Int: String] = [:]
        for (index, text) in zip(indices, texts) { all[index] = text }
        for (index, text) in changes { all[index] = text }
        var result = StringReplacements()
        for index in all.keys.sorted() {
            result.indices.append(index)
            result.texts.append(all[index] ?? "")
        }
        return result
    }
}
