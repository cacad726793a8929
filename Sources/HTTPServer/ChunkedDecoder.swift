/// Decodes a chunked request body (RFC 9112 §7.1) incrementally: extensions are ignored,
/// trailer fields are checked and discarded, and the decoded total obeys the body limit.
struct ChunkedDecoder {
    private enum State {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailer
    }

    /// Longest chunk-size line we accept, extensions included.
    static let maxSizeLineBytes = 4096

    private let limits: RequestParser.Limits
    private var state = State.sizeLine
    /// Bytes of the current, incomplete line already searched for LF.
    private var scanned = 0
    private var trailerBytes = 0

    init(limits: RequestParser.Limits) { self.limits = limits }

    /// Consumes what it can of `bytes[start...]`, appending chunk data to `body`.
    mutating func decode(
        _ bytes: [UInt8], from start: Int, into body: inout [UInt8]
    ) throws(RequestParseError) -> (consumed: Int, finished: Bool) {
        var position = start
        while true {
            switch state {
            case .sizeLine:
                guard let lineEnd = try nextLine(bytes, position, limit: Self.maxSizeLineBytes, tooLong: .invalidChunkSize)
                else { return (position - start, false) }
                let size = try parseChunkSize(bytes, position, lineEnd)
                position = lineEnd + 2
                if size == 0 {
                    state = .trailer
                } else {
                    if size > limits.bodyBytes - body.count { throw .bodyTooLarge }
                    state = .data(remaining: size)
                }
            case .data(let remaining):
                let take = min(remaining, bytes.count - position)
                guard take > 0 else { return (position - start, false) }
                body.append(contentsOf: bytes[position..<(position + take)])
                position += take
                state = remaining == take ? .dataEnd : .data(remaining: remaining - take)
            case .dataEnd:
                guard bytes.count - position >= 2 else {
                    if bytes.count - position == 1 && bytes[position] != ASCII.cr { throw .invalidChunkData }
                    return (position - start, false)
                }
                guard bytes[position] == ASCII.cr, bytes[position + 1] == ASCII.lf else { throw .invalidChunkData }
                position += 2
                state = .sizeLine
            case .trailer:
                let budget = limits.headerBytes - trailerBytes
                guard let lineEnd = try nextLine(bytes, position, limit: budget, tooLong: .headersTooLarge)
                else { return (position - start, false) }
                trailerBytes += lineEnd + 2 - position
                if lineEnd == position { return (lineEnd + 2 - start, true) }
                do {
                    _ = try splitFieldLine(bytes, position, lineEnd)
                } catch {
                    throw .invalidTrailer
                }
                position = lineEnd + 2
            }
        }
    }

    /// The index of the CR ending the line at `start`, or nil if it has not all arrived.
    private mutating func nextLine(
        _ bytes: [UInt8], _ start: Int, limit: Int, tooLong: RequestParseError
    ) throws(RequestParseError) -> Int? {
        guard let lf = firstLineFeed(bytes, from: start + scanned) else {
            scanned = bytes.count - start
            // The last byte may be the CR of a CRLF still in flight.
            if scanned - 1 > limit { throw tooLong }
            return nil
        }
        scanned = 0
        // The limit first, as for an incomplete line, so splitting cannot change the verdict.
        if lf + 1 - start > limit { throw tooLong }
        guard lf > start, bytes[lf - 1] == ASCII.cr else { throw .bareLineFeed }
        return lf - 1
    }

    /// chunk-size [ BWS ";" chunk-ext ]: hex digits, then optional extensions we skip.
    private func parseChunkSize(_ bytes: [UInt8], _ begin: Int, _ end: Int) throws(RequestParseError) -> Int {
        var index = begin
        var size = 0
        while index < end, let digit = hexValue(bytes[index]) {
            let (times16, o1) = size.multipliedReportingOverflow(by: 16)
            let (sum, o2) = times16.addingReportingOverflow(Int(digit))
            if o1 || o2 { throw .invalidChunkSize }
            size = sum
            index += 1
        }
        guard index > begin else { throw .invalidChunkSize }
        while index < end && isWhitespace(bytes[index]) { index += 1 }
        if index == end { return size }
        guard bytes[index] == ASCII.semicolon else { throw .invalidChunkSize }
        for i in (index + 1)..<end where !isFieldValueByte(bytes[i]) { throw .invalidChunkSize }
        return size
    }
}
