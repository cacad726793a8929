import XCTest
@testable import HTTPServer

final class HTTPServerPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(1 + 1, 2) }
}
