/// Reads FHIR Bulk Data NDJSON (one resource per line) in chunks, so memory stays flat however
/// large the file is.
///
/// Feed bytes in any chunk size with `read(_:_:)`, then call `finish(_:)`. Blank lines are
/// skipped; `\r\n` line ends are accepted. Each resource needs a valid `resourceType` and `id`.
/// References are kept as written, except that a `urn:` reference is an error: outside a bundle it
/// can name nothing. Duplicate ids across lines are left to the store's unique key, which keeps
/// this reader's memory independent of the file's size.
public struct NDJSONReader {
    /// Nesting limit handed to the JSON parser.
    public let maximumDepth: Int
    private var pending: [UInt8] = []
    /// Number of the line `pending` starts, and its byte offset in the file.
    private var lineNumber = 1
    private var lineOffset = 0

    /// Creates a reader positioned at the start of a file.
    public init(maximumDepth: Int = JSONDocument.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Consumes the next chunk of the file, calling `body` for each complete line's resource.
    public mutating func read(_ chunk: some Collection<UInt8>, _ body: (FHIRResource) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        var lineStart = 0
        while let newline = pending[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
            try readLine(pending[lineStart..<newline], body)
            lineOffset += newline + 1 - lineStart
            lineNumber += 1
            lineStart = newline + 1
        }
        pending.removeSubrange(0..<lineStart)
    }

    /// Reads a last line that has no newline after it.
    public mutating func finish(_ body: (FHIRResource) throws -> Void) throws {
        try readLine(pending[...], body)
        pending.removeAll()
    }

    /// Reads a whole NDJSON file in 1 MiB chunks.
    public static func readFile(atPath path: String, maximumDepth: Int = JSONDocument.defaultMaximumDepth,
                                _ body: (FHIRResource) throws -> Void) throws {
        var reader = NDJSONReader(maximumDepth: maximumDepth)
        try FileBytes.forEachChunk(ofFileAtPath: path, size: 1 << 20) { chunk in try reader.read(chunk, body) }
        try reader.finish(body)
    }

    private func readLine(_ line: ArraySlice<UInt8>, _ body: (FHIRResource) throws -> Void) throws {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        let document: JSONDocument
        switch Result(catching: { () throws(FHIRError) in try JSONDocument(bytes: Array(line), maximumDepth: maximumDepth) }) {
        case let .success(parsed):
            document = parsed
        case let .failure(.invalidJSON(issue, position)):
            throw FHIRError.invalidJSON(issue, at: SourcePosition(offset: lineOffset + position.offset, line: lineNumber, column: position.column))
        case let .failure(other):
            throw other
        }
        let location = ResourceLocation.ndjsonLine(lineNumber)
        let identity = try ResourceIdentity(of: document.root, at: location)
        for referenceValue in document.root.stringMembers(named: "reference") {
            guard let reference = referenceValue.string, reference.hasPrefix("urn:") else { continue }
            let position = referenceValue.position
            throw FHIRError.unresolvedReference(reference, in: location, resourceType: identity.resourceType, id: identity.id,
                                                at: SourcePosition(offset: lineOffset + position.offset, line: lineNumber, column: position.column))
        }
        try body(FHIRResource(resourceType: identity.resourceType, id: identity.id, fullURL: nil, location: location, value: document.root))
    }
}
