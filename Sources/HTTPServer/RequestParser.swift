/// A request as framed by the parser, before the server adds the peer address and an ID.
struct ParsedRequest: Sendable {
    var method: String
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    /// Whether the connection may carry another request after this one.
    var keepAlive: Bool
}

/// An incremental, strict HTTP/1.1 request parser (RFC 9112) over bytes.
///
/// Feed it the unconsumed bytes of a connection each time more arrive; it reports how many
/// bytes it consumed (the caller drops them) and, eventually, a complete request or an error.
/// Anything ambiguous about framing is an error: the server never guesses where a body ends.
struct RequestParser {
    /// The size limits enforced while parsing.
    struct Limits: Sendable {
        var requestLineBytes: Int
        var headerBytes: Int
        var bodyBytes: Int
        /// Paths (exact request-target paths) allowed a larger body than `bodyBytes`, with their limit.
        var largerBodies: [String: Int] = [:]

        /// The body limit for a request-target: its path's own limit, else `bodyBytes`.
        func bodyBytes(forTarget target: String) -> Int {
            guard !largerBodies.isEmpty else { return bodyBytes }
            let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
            return largerBodies[path] ?? bodyBytes
        }

        /// These limits with the body limit of `target` as `bodyBytes` (what a body decoder enforces).
        func forTarget(_ target: String) -> Limits {
            var copy = self
            copy.bodyBytes = bodyBytes(forTarget: target)
            return copy
        }
    }

    /// What one call to `parse` achieved.
    enum Step {
        /// Not a whole request yet; drop `consumed` bytes and call again when more arrive.
        case needMore(consumed: Int)
        /// A whole request; drop `consumed` bytes. The parser is ready for the next request.
        case complete(ParsedRequest, consumed: Int)
        /// Refuse the request and close. The parser stays failed.
        case failure(RequestParseError)
    }

    private enum Phase {
        case head(HeadScanner)
        case fixedBody(ParsedRequest, remaining: Int)
        case chunkedBody(ParsedRequest, ChunkedDecoder)
        case failed(RequestParseError)
        case moving  // placeholder while a payload is mutated, so it stays uniquely referenced
    }

    let limits: Limits
    private var phase: Phase

    /// Set when a head asking `Expect: 100-continue` is in and its body is awaited.
    private(set) var wantsContinue = false

    init(limits: Limits) {
        self.limits = limits
        self.phase = .head(HeadScanner(limits: limits))
    }

    /// True while a head has been parsed and its body is being received.
    var isReadingBody: Bool {
        switch phase {
        case .fixedBody, .chunkedBody: true
        default: false
        }
    }

    /// Clears the 100-continue request once the interim response has been queued.
    mutating func acknowledgeContinue() { wantsContinue = false }

    /// Parses as much of `bytes[start...]` as possible.
    mutating func parse(_ bytes: [UInt8], from start: Int) -> Step {
        var position = start
        while true {
            let current = phase
            phase = .moving
            switch consume current {
            case .moving:
                phase = .failed(.malformedRequestLine)
                return .failure(.malformedRequestLine)
            case .failed(let error):
                phase = .failed(error)
                return .failure(error)
            case .head(var scanner):
                let outcome: HeadScanner.Outcome
                do {
                    outcome = try scanner.scan(bytes, from: position)
                } catch {
                    return fail(error)
                }
                switch outcome {
                case .incomplete(let skipped):
                    phase = .head(scanner)
                    return .needMore(consumed: position + skipped - start)
                case .complete(let head, let headLength):
                    position += headLength
                    switch head.framing {
                    case .none:
                        phase = .head(HeadScanner(limits: limits))
                        return .complete(head.request, consumed: position - start)
                    case .length(let length):
                        var request = head.request
                        request.body.reserveCapacity(length)
                        phase = .fixedBody(request, remaining: length)
                    case .chunked:
                        phase = .chunkedBody(head.request, ChunkedDecoder(limits: limits.forTarget(head.request.target)))
                    }
                    wantsContinue = head.expectsContinue
                }
            case .fixedBody(var request, var remaining):
                let take = min(remaining, bytes.count - position)
                if take > 0 {
                    request.body.append(contentsOf: bytes[position..<(position + take)])
                    position += take
                    remaining -= take
                    wantsContinue = false
                }
                if remaining > 0 {
                    phase = .fixedBody(request, remaining: remaining)
                    return .needMore(consumed: position - start)
                }
                phase = .head(HeadScanner(limits: limits))
                return .complete(request, consumed: position - start)
            case .chunkedBody(var request, var decoder):
                let consumed: Int
                let finished: Bool
                do {
                    (consumed, finished) = try decoder.decode(bytes, from: position, into: &request.body)
                } catch {
                    return fail(error)
                }
                if consumed > 0 { wantsContinue = false }
                position += consumed
                if !finished {
                    phase = .chunkedBody(request, decoder)
                    return .needMore(consumed: position - start)
                }
                phase = .head(HeadScanner(limits: limits))
                return .complete(request, consumed: position - start)
            }
        }
    }

    private mutating func fail(_ error: RequestParseError) -> Step {
        phase = .failed(error)
        wantsContinue = false
        return .failure(error)
    }
}
