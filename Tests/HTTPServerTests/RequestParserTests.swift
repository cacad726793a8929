import XCTest
@testable import HTTPServer

/// The parser on its own: framing rules of RFC 9112, limits, and incremental input.
final class RequestParserTests: XCTestCase {
    private let limits = RequestParser.Limits(requestLineBytes: 64, headerBytes: 256, bodyBytes: 100)

    /// Parses `text` fed all at once, collecting every complete request until more is needed.
    private func parseAll(_ text: String, splitEvery chunk: Int? = nil) -> (requests: [ParsedRequest], error: RequestParseError?) {
        let input = Array(text.utf8)
        var parser = RequestParser(limits: limits)
        var buffer: [UInt8] = []
        var start = 0
        var requests: [ParsedRequest] = []
        var offset = 0
        while offset < input.count {
            let end = chunk.map { min(offset + $0, input.count) } ?? input.count
            buffer += input[offset..<end]
            offset = end
            parsing: while true {
                switch parser.parse(buffer, from: start) {
                case .needMore(let consumed):
                    start += consumed
                    break parsing
                case .complete(let request, let consumed):
                    start += consumed
                    requests.append(request)
                case .failure(let error):
                    return (requests, error)
                }
            }
        }
        return (requests, nil)
    }

    private func assertRejected(_ text: String, _ expected: RequestParseError, file: StaticString = #filePath, line: UInt = #line) {
        for chunk in [nil, 1] as [Int?] {
            let result = parseAll(text, splitEvery: chunk)
            XCTAssertEqual(result.error, expected, "split \(String(describing: chunk))", file: file, line: line)
            XCTAssertTrue(result.requests.isEmpty, file: file, line: line)
        }
    }

    // MARK: Accepted

    func testSimpleGetParsesMethodTargetAndHeaders() throws {
        let result = parseAll("GET /a/b?x=1 HTTP/1.1\r\nHost: example.com\r\nX-Thing:  v a l  \r\n\r\n")
        XCTAssertNil(result.error)
        let request = try XCTUnwrap(result.requests.first)
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.target, "/a/b?x=1")
        XCTAssertEqual(request.minorVersion, 1)
        XCTAssertEqual(request.headers["host"], "example.com")
        XCTAssertEqual(request.headers["x-thing"], "v a l")
        XCTAssertTrue(request.keepAlive)
        XCTAssertEqual(request.body, [])
    }

    func testByteByByteInputGivesTheSameRequests() {
        let text = "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhelloGET /q HTTP/1.1\r\nHost: h\r\n\r\n"
        let whole = parseAll(text)
        let split = parseAll(text, splitEvery: 1)
        XCTAssertNil(split.error)
        XCTAssertEqual(whole.requests.map(\.target), ["/p", "/q"])
        XCTAssertEqual(split.requests.map(\.target), ["/p", "/q"])
        XCTAssertEqual(split.requests.first?.body, Array("hello".utf8))
    }

    func testChunkedBodyIsDecodedWithExtensionsAndTrailersDropped() throws {
        let text = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n1A\r\n" + String(repeating: "z", count: 26) + "\r\n0\r\nX-Sum: 1\r\n\r\n"
        for chunk in [nil, 1, 7] as [Int?] {
            let result = parseAll(text, splitEvery: chunk)
            XCTAssertNil(result.error)
            let request = try XCTUnwrap(result.requests.first)
            XCTAssertEqual(String(decoding: request.body, as: UTF8.self), "hello" + String(repeating: "z", count: 26))
            XCTAssertNil(request.headers["x-sum"], "trailers are discarded")
        }
    }

    func testHTTP10ClosesUnlessKeepAliveAsked() throws {
        XCTAssertEqual(parseAll("GET / HTTP/1.0\r\n\r\n").requests.first?.keepAlive, false)
        XCTAssertEqual(parseAll("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").requests.first?.keepAlive, true)
        XCTAssertEqual(parseAll("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").requests.first?.keepAlive, false)
    }

    func testLeadingEmptyLinesAreIgnored() {
        XCTAssertEqual(parseAll("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", splitEvery: 1).requests.count, 1)
    }

    func testAbsoluteFormAndAsteriskForOptionsAreAccepted() {
        XCTAssertEqual(parseAll("GET http://h/x?y HTTP/1.1\r\nHost: h\r\n\r\n").requests.first?.target, "http://h/x?y")
        XCTAssertEqual(parseAll("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n").requests.count, 1)
        assertRejected("GET * HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget)
        assertRejected("CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n", .invalidTarget)
    }

    func testExpectContinueIsReportedWhileTheBodyIsAwaited() {
        var parser = RequestParser(limits: limits)
        let head = Array("POST / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8)
        guard case .needMore(let consumed) = parser.parse(head, from: 0) else { return XCTFail("expected needMore") }
        XCTAssertEqual(consumed, head.count)
        XCTAssertTrue(parser.wantsContinue)
        XCTAssertTrue(parser.isReadingBody)
    }

    // MARK: Framing ambiguities (request smuggling)

    func testContentLengthWithTransferEncodingIsRejected() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", .contentLengthWithTransferEncoding)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", .contentLengthWithTransferEncoding)
    }

    func testRepeatedContentLengthIsRejectedEvenWhenEqual() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc", .repeatedContentLength)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabc", .repeatedContentLength)
    }

    func testNonDigitContentLengthIsRejected() {
        for value in ["3, 3", "+3", "-1", "0x3", "3 3", "", "3a"] {
            assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: \(value)\r\n\r\nabc", .invalidContentLength)
        }
    }

    func testTransferEncodingOtherThanChunkedIsRejected() {
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n", .chunkedNotFinal)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", .chunkedNotFinal)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", .chunkedNotFinal)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", .unsupportedTransferCoding)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n", .chunkedNotFinal)
        assertRejected("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", .transferEncodingInHTTP10)
        XCTAssertNil(parseAll("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n").error)
    }

    func testControlCharactersAreRejected() {
        assertRejected("GET /\0 HTTP/1.1\r\nHost: h\r\n\r\n", .controlCharacter)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\0b\r\n\r\n", .controlCharacter)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n", .controlCharacter)
        assertRejected("GET /\r HTTP/1.1\r\nHost: h\r\n\r\n", .controlCharacter)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}\r\n\r\n", .controlCharacter)
        assertRejected("GET\t/ HTTP/1.1\r\nHost: h\r\n\r\n", .controlCharacter)
    }

    func testBareLineFeedIsRejected() {
        assertRejected("GET / HTTP/1.1\nHost: h\r\n\r\n", .bareLineFeed)
        assertRejected("GET / HTTP/1.1\r\nHost: h\n\r\n", .bareLineFeed)
    }

    func testWhitespaceBeforeColonIsRejected() {
        assertRejected("GET / HTTP/1.1\r\nHost : h\r\n\r\n", .whitespaceBeforeColon)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nContent-Length\t: 0\r\n\r\n", .whitespaceBeforeColon)
    }

    func testObsoleteLineFoldingIsRejected() {
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n", .obsoleteLineFolding)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n\tb\r\n\r\n", .obsoleteLineFolding)
    }

    func testHostIsRequiredOnceOnHTTP11() {
        assertRejected("GET / HTTP/1.1\r\n\r\n", .missingHost)
        assertRejected("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .repeatedHost)
        assertRejected("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", .invalidHost)
        XCTAssertEqual(parseAll("GET / HTTP/1.0\r\n\r\n").requests.count, 1)
    }

    func testInvalidMethodAndMalformedRequestLinesAreRejected() {
        assertRejected("G(T / HTTP/1.1\r\nHost: h\r\n\r\n", .invalidMethod)
        assertRejected("GET  / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine)
        assertRejected("GET / HTTP/1.1 \r\nHost: h\r\n\r\n", .malformedRequestLine)
        assertRejected("GET /\r\nHost: h\r\n\r\n", .malformedRequestLine)
        assertRejected("GET / http/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine)
        assertRejected("GET / HTTP/1.10\r\nHost: h\r\n\r\n", .malformedRequestLine)
        assertRejected("GET /\u{80} HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine)
        assertRejected("\u{20}GET / HTTP/1.1\r\nHost: h\r\n\r\n", .malformedRequestLine)
    }

    func testOtherVersionsGet505() {
        assertRejected("GET / HTTP/2.0\r\nHost: h\r\n\r\n", .unsupportedVersion)
        assertRejected("GET / HTTP/1.2\r\nHost: h\r\n\r\n", .unsupportedVersion)
        XCTAssertEqual(RequestParseError.unsupportedVersion.status, 505)
    }

    func testBadChunkSizesAreRejected() {
        let head = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertRejected(head + "z\r\n", .invalidChunkSize)
        assertRejected(head + "\r\n", .invalidChunkSize)
        assertRejected(head + "-1\r\n", .invalidChunkSize)
        assertRejected(head + "10000000000000000\r\nx", .invalidChunkSize)
        assertRejected(head + "5 x\r\nhello\r\n0\r\n\r\n", .invalidChunkSize)
        assertRejected(head + "5\r\nhelloXX0\r\n\r\n", .invalidChunkData)
        assertRejected(head + "5\nhello\r\n", .bareLineFeed)
        assertRejected(head + "0\r\nBad Trailer: x\r\n\r\n", .invalidTrailer)
    }

    // MARK: Limits, at and over each boundary

    func testRequestLineLimit() {
        let atLimit = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
        XCTAssertEqual(atLimit.utf8.count, 64)
        XCTAssertNil(parseAll(atLimit + "\r\nHost: h\r\n\r\n").error)
        let over = "GET /" + String(repeating: "a", count: 64 - 13) + " HTTP/1.1"
        assertRejected(over + "\r\nHost: h\r\n\r\n", .requestLineTooLong)
        assertRejected("GET /" + String(repeating: "a", count: 200), .requestLineTooLong)
        XCTAssertEqual(RequestParseError.requestLineTooLong.status, 414)
    }

    func testHeaderBlockLimit() {
        // The header block counts every byte after the request line, the final CRLF included.
        let filler = String(repeating: "v", count: 256 - "Host: h\r\nX: \r\n\r\n".utf8.count)
        XCTAssertNil(parseAll("GET / HTTP/1.1\r\nHost: h\r\nX: \(filler)\r\n\r\n").error)
        assertRejected("GET / HTTP/1.1\r\nHost: h\r\nX: \(filler)v\r\n\r\n", .headersTooLarge)
        assertRejected("GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 300), .headersTooLarge)
        XCTAssertEqual(RequestParseError.headersTooLarge.status, 431)
    }

    func testBodyLimitForContentLengthAndChunked() {
        let body = String(repeating: "b", count: 100)
        XCTAssertEqual(parseAll("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n\(body)").requests.first?.body.count, 100)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 101\r\n\r\n", .bodyTooLarge)
        assertRejected("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99999999999999999999999\r\n\r\n", .bodyTooLarge)
        let chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        XCTAssertEqual(parseAll(chunked + "32\r\n\(body.prefix(50))\r\n32\r\n\(body.prefix(50))\r\n0\r\n\r\n").requests.first?.body.count, 100)
        assertRejected(chunked + "32\r\n\(body.prefix(50))\r\n33\r\n", .bodyTooLarge)
        XCTAssertEqual(RequestParseError.bodyTooLarge.status, 413)
    }

    /// Found by the fuzzer: an over-long line ended by a bare LF got 400 when whole but 414 when
    /// split; limits are now checked first so the verdict does not depend on read boundaries.
    func testVerdictDoesNotDependOnHowBytesAreSplit() {
        assertRejected("GET /" + String(repeating: "a", count: 100) + "\n", .requestLineTooLong)
        assertRejected("GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 300) + "\n", .headersTooLarge)
        let chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertRejected(chunked + "1;" + String(repeating: "e", count: 5000) + "\n", .invalidChunkSize)
    }

    func testFailedParserStaysFailed() {
        var parser = RequestParser(limits: limits)
        let bad = Array("GET / HTTP/1.1\r\nHost : h\r\n\r\n".utf8)
        guard case .failure = parser.parse(bad, from: 0) else { return XCTFail("expected failure") }
        let good = Array("GET / HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        guard case .failure = parser.parse(good, from: 0) else { return XCTFail("a failed parser must not recover") }
    }
}
