/// Finds, checks and decodes a request head line by line, remembering how far it got so that
/// a head arriving byte by byte is scanned once (no quadratic rescans).
struct HeadScanner {
    /// How the body of a request is delimited.
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// A parsed head plus what the parser needs to read the body.
    struct Head {
        var request: ParsedRequest
        var framing: Framing
        var expectsContinue: Bool
    }

    enum Outcome {
        /// The head is not complete; `skipped` leading empty lines may be dropped.
        case incomplete(skipped: Int)
        /// The head is complete and `length` bytes long (from the position given to `scan`).
        case complete(Head, length: Int)
    }

    private let limits: RequestParser.Limits
    /// Offset (from the head's first byte) up to which bytes have been examined.
    private var scanned = 0
    /// Offset of the line being received.
    private var lineStart = 0
    /// Offset where the header block begins (just past the request line).
    private var headerStart = 0

    private var method = ""
    private var target = ""
    private var minorVersion = -1  // -1 until the request line is in
    private var headers = HTTPHeaders()
    private var hostCount = 0
    private var contentLength: Int?
    private var contentLengthTooLarge = false
    private var sawTransferEncoding = false
    private var transferCodings: [String] = []
    private var connectionClose = false
    private var connectionKeepAlive = false
    private var expectsContinue = false

    init(limits: RequestParser.Limits) { self.limits = limits }

    /// Scans `bytes[start...]`, where `start` is the first byte of this head.
    mutating func scan(_ bytes: [UInt8], from start: Int) throws(RequestParseError) -> Outcome {
        var start = start
        var skipped = 0
        // RFC 9112 §2.2: a server SHOULD ignore empty lines received before the request line.
        if minorVersion < 0 && scanned == 0 {
            while bytes.count - start >= 2 && bytes[start] == ASCII.cr && bytes[start + 1] == ASCII.lf {
                start += 2
                skipped += 2
            }
            if bytes.count - start == 1 && bytes[start] == ASCII.cr { return .incomplete(skipped: skipped) }
        }
        let end = bytes.count
        var index = start + scanned
        while index < end {
            guard let lf = firstLineFeed(bytes, from: index) else {
                scanned = end - start
                try checkIncompleteLine(length: end - start - lineStart)
                return .incomplete(skipped: skipped)
            }
            let lineBegin = start + lineStart
            // Limits first, as for an incomplete line, so the verdict never depends on how the
            // bytes were split across reads.
            if minorVersion < 0 {
                if lf - lineBegin - 1 > limits.requestLineBytes { throw .requestLineTooLong }
            } else if lf + 1 - start - headerStart > limits.headerBytes {
                throw .headersTooLarge
            }
            guard lf > lineBegin, bytes[lf - 1] == ASCII.cr else { throw .bareLineFeed }
            let lineEnd = lf - 1
            if minorVersion < 0 {
                try parseRequestLine(bytes, lineBegin, lineEnd)
                headerStart = lf + 1 - start
            } else {
                if lineEnd == lineBegin {
                    let head = try finish()
                    return .complete(head, length: lf + 1 - start + skipped)
                }
                try parseHeaderLine(bytes, lineBegin, lineEnd)
            }
            index = lf + 1
            lineStart = index - start
            scanned = lineStart
        }
        return .incomplete(skipped: skipped)
    }

    private func checkIncompleteLine(length: Int) throws(RequestParseError) {
        if minorVersion < 0 {
            // The line may end in a CR whose LF has not arrived yet.
            if length - 1 > limits.requestLineBytes { throw .requestLineTooLong }
        } else if scanned - headerStart > limits.headerBytes {
            throw .headersTooLarge
        }
    }

    // MARK: Request line (RFC 9112 §3)

    private mutating func parseRequestLine(_ bytes: [UInt8], _ begin: Int, _ end: Int) throws(RequestParseError) {
        for i in begin..<end where bytes[i] < 0x20 || bytes[i] == 0x7F { throw .controlCharacter }
        guard let firstSpace = bytes[begin..<end].firstIndex(of: ASCII.space),
            let secondSpace = bytes[(firstSpace + 1)..<end].firstIndex(of: ASCII.space)
        else { throw .malformedRequestLine }
        let methodBytes = bytes[begin..<firstSpace]
        let targetBytes = bytes[(firstSpace + 1)..<secondSpace]
        let versionBytes = bytes[(secondSpace + 1)..<end]
        guard !methodBytes.isEmpty, !targetBytes.isEmpty else { throw .malformedRequestLine }
        guard methodBytes.allSatisfy(isTokenByte) else { throw .invalidMethod }
        guard targetBytes.allSatisfy(isTargetByte) else { throw .malformedRequestLine }
        minorVersion = try parseVersion(versionBytes)
        method = String(decoding: methodBytes, as: UTF8.self)
        try checkTargetForm(targetBytes)
        target = String(decoding: targetBytes, as: UTF8.self)
    }

    private func parseVersion(_ bytes: ArraySlice<UInt8>) throws(RequestParseError) -> Int {
        let prefix = Array("HTTP/".utf8)
        guard bytes.count == 8, bytes.starts(with: prefix) else { throw .malformedRequestLine }
        let major = bytes[bytes.startIndex + 5], dot = bytes[bytes.startIndex + 6], minor = bytes[bytes.startIndex + 7]
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard digits.contains(major), dot == UInt8(ascii: "."), digits.contains(minor) else {
            throw .malformedRequestLine
        }
        guard major == UInt8(ascii: "1"), minor <= UInt8(ascii: "1") else { throw .unsupportedVersion }
        return Int(minor - UInt8(ascii: "0"))
    }

    /// RFC 9112 §3.2: origin-form, absolute-form, or "*" for OPTIONS. CONNECT's authority-form
    /// is not served.
    private func checkTargetForm(_ bytes: ArraySlice<UInt8>) throws(RequestParseError) {
        if bytes.first == UInt8(ascii: "/") { return }
        if bytes.count == 1 && bytes.first == UInt8(ascii: "*") && method == "OPTIONS" { return }
        if let schemeEnd = absoluteFormSchemeEnd(Array(bytes)), schemeEnd < bytes.count { return }
        throw .invalidTarget
    }

    // MARK: Header fields (RFC 9112 §5, RFC 9110 §5)

    private mutating func parseHeaderLine(_ bytes: [UInt8], _ begin: Int, _ end: Int) throws(RequestParseError) {
        let (name, value) = try splitFieldLine(bytes, begin, end)
        let nameString = String(decoding: name, as: UTF8.self)
        let valueString = String(decoding: value, as: UTF8.self)
        try noteFramingField(name, value, valueString)
        headers.add(nameString, valueString)
    }

    private mutating func noteFramingField(
        _ name: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>, _ valueString: String
    ) throws(RequestParseError) {
        if equalsLowercase(name, "content-length") {
            guard contentLength == nil, !contentLengthTooLarge else { throw .repeatedContentLength }
            guard !value.isEmpty, value.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw .invalidContentLength
            }
            var length = 0
            for digit in value {
                let (times10, o1) = length.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(digit - UInt8(ascii: "0")))
                if o1 || o2 {
                    contentLengthTooLarge = true
                    return
                }
                length = sum
            }
            contentLength = length
        } else if equalsLowercase(name, "transfer-encoding") {
            sawTransferEncoding = true
            transferCodings += listElements(valueString)
        } else if equalsLowercase(name, "host") {
            hostCount += 1
            if hostCount > 1 { throw .repeatedHost }
            guard value.allSatisfy(isHostByte) else { throw .invalidHost }
        } else if equalsLowercase(name, "connection") {
            for option in listElements(valueString) {
                if option == "close" { connectionClose = true }
                if option == "keep-alive" { connectionKeepAlive = true }
            }
        } else if equalsLowercase(name, "expect") {
            expectsContinue = listElements(valueString) == ["100-continue"]
        }
    }

    /// Checks framing once the whole head is in (RFC 9112 §6.1, §6.3, §3.2).
    private func finish() throws(RequestParseError) -> Head {
        if minorVersion == 1 && hostCount == 0 { throw .missingHost }
        var framing = Framing.none
        if sawTransferEncoding {
            if contentLength != nil || contentLengthTooLarge { throw .contentLengthWithTransferEncoding }
            if minorVersion == 0 { throw .transferEncodingInHTTP10 }
            guard transferCodings.last == "chunked", !transferCodings.dropLast().contains("chunked") else {
                throw .chunkedNotFinal
            }
            if transferCodings.count > 1 { throw .unsupportedTransferCoding }
            framing = .chunked
        } else if contentLengthTooLarge {
            throw .bodyTooLarge
        } else if let length = contentLength, length > 0 {
            if length > limits.bodyBytes(forTarget: target) { throw .bodyTooLarge }
            framing = .length(length)
        }
        let keepAlive = minorVersion == 1 ? !connectionClose : connectionKeepAlive && !connectionClose
        let request = ParsedRequest(
            method: method, target: target, minorVersion: minorVersion, headers: headers, body: [],
            keepAlive: keepAlive)
        return Head(request: request, framing: framing, expectsContinue: expectsContinue && minorVersion == 1 && framing != .none)
    }
}

/// Splits one field line into name and trimmed value, refusing anything RFC 9112 §5 forbids.
func splitFieldLine(
    _ bytes: [UInt8], _ begin: Int, _ end: Int
) throws(RequestParseError) -> (name: ArraySlice<UInt8>, value: ArraySlice<UInt8>) {
    if isWhitespace(bytes[begin]) { throw .obsoleteLineFolding }
    var colon = begin
    while colon < end && isTokenByte(bytes[colon]) { colon += 1 }
    guard colon < end else { throw .invalidHeaderName }
    let stop = bytes[colon]
    if stop != ASCII.colon {
        if isWhitespace(stop) { throw .whitespaceBeforeColon }
        if stop < 0x20 || stop == 0x7F { throw .controlCharacter }
        throw .invalidHeaderName
    }
    guard colon > begin else { throw .invalidHeaderName }
    var valueBegin = colon + 1
    var valueEnd = end
    while valueBegin < valueEnd && isWhitespace(bytes[valueBegin]) { valueBegin += 1 }
    while valueEnd > valueBegin && isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
    for i in valueBegin..<valueEnd where !isFieldValueByte(bytes[i]) { throw .controlCharacter }
    return (bytes[begin..<colon], bytes[valueBegin..<valueEnd])
}

/// The index of the first LF at or after `start`, if any.
@inline(__always) func firstLineFeed(_ bytes: [UInt8], from start: Int) -> Int? {
    var i = start
    while i < bytes.count {
        if bytes[i] == ASCII.lf { return i }
        i += 1
    }
    return nil
}

/// Whether `bytes` equals `lowercase` ignoring ASCII case.
@inline(__always) func equalsLowercase(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
    guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
    return lowercase.withUTF8Buffer { literal in
        var i = 0
        for byte in bytes {
            if asciiLower(byte) != literal[i] { return false }
            i += 1
        }
        return true
    }
}

/// The comma-separated elements of a list field, trimmed and lowercased; empty ones dropped
/// (RFC 9110 §5.6.1).
func listElements(_ value: String) -> [String] {
    value.split(separator: ",").compactMap { element in
        let trimmed = element.trimmingASCIIWhitespace()
        return trimmed.isEmpty ? nil : trimmed.lowercased()
    }
}

extension Substring {
    func trimmingASCIIWhitespace() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}

/// Bytes a Host value may hold: uri-host and port of RFC 3986 (reg-name, IP literal, pct-encoding).
private func isHostByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "A")...UInt8(ascii: "Z"):
        true
    default:
        "-._~!$&'()*+,;=:[]%".utf8.contains(byte)
    }
}
