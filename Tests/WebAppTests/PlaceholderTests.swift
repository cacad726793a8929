import XCTest
@testable import WebApp

final class WebAppPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(1 + 1, 2) }
}
