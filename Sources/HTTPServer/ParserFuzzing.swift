/// The libFuzzer entry point over the request parser, chunked decoding included. Not API:
/// reachable only with `@_spi(Fuzzing) import HTTPServer`.
@_spi(Fuzzing) public enum ParserFuzzing {
    /// Parses `data` whole and again in pieces, and traps if the two disagree or if any
    /// invariant breaks (consumption past the input, a body over the limit).
    ///
    /// Byte 0 picks the piece size (1...16, or 0 for irregular pieces), byte 1 the limits, so
    /// the fuzzer can reach every limit with short inputs; the rest is the request stream.
    public static func run(_ data: UnsafeBufferPointer<UInt8>) {
        guard data.count >= 2 else { return }
        let pieceSize = Int(data[0] % 17)
        let limits = RequestParser.Limits(
            requestLineBytes: 16 + Int(data[1] & 0x0F) * 16,
            headerBytes: 32 + Int(data[1] >> 4) * 32,
            bodyBytes: 8 + Int(data[1]) * 8)
        let input = Array(data[2...])
        let whole = parseStream(input, limits: limits, pieces: [input.count])
        var pieces: [Int] = []
        var remaining = input.count
        var index = 0
        while remaining > 0 {
            let size = pieceSize == 0 ? 1 + Int(input[index % input.count] % 7) : pieceSize
            pieces.append(min(size, remaining))
            remaining -= size
            index += 1
        }
        let split = parseStream(input, limits: limits, pieces: pieces)
        precondition(whole == split, "whole and split parses disagree")
        for request in whole.requests {
            precondition(request.bodyCount <= limits.bodyBytes, "body over the limit")
        }
    }

    private struct Summary: Equatable {
        var method: String
        var target: String
        var minorVersion: Int
        var headers: [String]
        var bodyCount: Int
        var bodyHash: Int
        var keepAlive: Bool
    }

    private struct Outcome: Equatable {
        var requests: [Summary] = []
        var error: RequestParseError?
    }

    private static func parseStream(_ input: [UInt8], limits: RequestParser.Limits, pieces: [Int]) -> Outcome {
        var parser = RequestParser(limits: limits)
        var buffer: [UInt8] = []
        var start = 0
        var offset = 0
        var outcome = Outcome()
        for piece in pieces {
            buffer += input[offset..<(offset + piece)]
            offset += piece
            while true {
                switch parser.parse(buffer, from: start) {
                case .needMore(let consumed):
                    precondition(consumed >= 0 && start + consumed <= buffer.count, "consumed past the input")
                    start += consumed
                case .complete(let request, let consumed):
                    precondition(consumed > 0 && start + consumed <= buffer.count, "bad consumption")
                    start += consumed
                    outcome.requests.append(summarise(request))
                    // Exercise what the server does with a request: target split and response framing.
                    let httpRequest = HTTPRequest(method: request.method, target: request.target, headers: request.headers, requestID: "")
                    precondition(httpRequest.path.hasPrefix("/") || request.target == "*", "path lost its slash")
                    checkResponseFraming(echoing: request)
                    continue
                case .failure(let error):
                    outcome.error = error
                    return outcome
                }
                break
            }
        }
        return outcome
    }

    /// Echoes the request's fields into a response head and checks that no field can start a
    /// line of its own: every LF is preceded by CR and every CR is followed by LF.
    private static func checkResponseFraming(echoing request: ParsedRequest) {
        let response = HTTPResponse(status: request.body.count, headers: request.headers, body: request.body)
        let context = ResponseHead.Context(isHead: request.method == "HEAD", keepAlive: request.keepAlive, minorVersion: request.minorVersion)
        let head = ResponseHead.make(response, context: context, forceClose: false, date: Array("date".utf8)).head
        var lines = 0
        for index in head.indices where head[index] == ASCII.lf {
            precondition(index > 0 && head[index - 1] == ASCII.cr, "bare LF in response head")
            lines += 1
        }
        for index in head.indices where head[index] == ASCII.cr {
            precondition(index + 1 < head.count && head[index + 1] == ASCII.lf, "bare CR in response head")
        }
        precondition(lines <= request.headers.count + 6, "a field value produced extra lines")
        precondition(head.suffix(4) == [ASCII.cr, ASCII.lf, ASCII.cr, ASCII.lf], "head not terminated")
    }

    private static func summarise(_ request: ParsedRequest) -> Summary {
        var hasher = Hasher()
        hasher.combine(request.body)
        return Summary(
            method: request.method, target: request.target, minorVersion: request.minorVersion,
            headers: request.headers.map { "\($0.name):\($0.value)" }, bodyCount: request.body.count,
            bodyHash: hasher.finalize(), keepAlive: request.keepAlive)
    }
}
