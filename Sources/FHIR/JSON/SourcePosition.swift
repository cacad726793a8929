/// Where something sits in an input file: the byte offset plus the line and column a person
/// would look for in an editor.
public struct SourcePosition: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Zero-based byte offset from the start of the input.
    public let offset: Int
    /// One-based line number (lines end at `\n`).
    public let line: Int
    /// One-based column, counted in Unicode scalars (not bytes) from the start of the line.
    public let column: Int

    /// Creates a position from already known coordinates.
    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Locates `offset` inside `bytes` by counting lines and scalars before it.
    ///
    /// Only called on the error path, so the linear scan costs nothing in the common case.
    public init(offset: Int, in bytes: some Collection<UInt8>) {
        var line = 1
        var column = 1
        var index = 0
        for byte in bytes {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes do not start a new scalar.
                column += 1
            }
            index += 1
        }
        self.init(offset: offset, line: line, column: column)
    }

    public var description: String { "line \(line), column \(column) (byte offset \(offset))" }
}
