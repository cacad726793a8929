import XCTest
@testable import HTTPServer

final class HTTPValueTests: XCTestCase {
    func testHeadersAreOrderedAndCaseInsensitive() {
        var headers: HTTPHeaders = ["Set-Cookie": "a=1", "Content-Type": "text/plain"]
        headers.add("set-cookie", "b=2")
        XCTAssertEqual(headers["SET-COOKIE"], "a=1")
        XCTAssertEqual(headers.values("Set-Cookie"), ["a=1", "b=2"])
        headers.set("Set-Cookie", "c=3")
        XCTAssertEqual(headers.values("set-cookie"), ["c=3"])
        XCTAssertEqual(headers.map(\.name), ["Content-Type", "Set-Cookie"])
        headers.remove("content-type")
        XCTAssertNil(headers["Content-Type"])
        XCTAssertEqual(headers.count, 1)
    }

    func testRequestSplitsPathAndQuery() {
        let request = HTTPRequest(method: "GET", target: "/a%20b?x=1&y=2")
        XCTAssertEqual(request.path, "/a%20b")
        XCTAssertEqual(request.query, "x=1&y=2")
        XCTAssertEqual(HTTPRequest(method: "GET", target: "/plain").query, "")
        XCTAssertEqual(HTTPRequest(method: "GET", target: "HTTP://h:8/p?q").path, "/p")
        XCTAssertEqual(HTTPRequest(method: "GET", target: "http://h?q").path, "/")
        XCTAssertEqual(HTTPRequest(method: "GET", target: "http://h?q").query, "q")
    }

    func testRequestIDsAreSixteenHexDigitsAndDistinct() {
        let ids = (0..<1000).map { _ in HTTPRequest(method: "GET", target: "/").requestID }
        XCTAssertEqual(Set(ids).count, 1000)
        XCTAssertTrue(ids.allSatisfy { $0.utf8.count == 16 && $0.allSatisfy(\.isHexDigit) })
        XCTAssertEqual(HTTPRequest(method: "GET", target: "/", requestID: "given").requestID, "given")
    }
}
