import XCTest
@testable import CareCore

final class CareCorePlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(1 + 1, 2) }
}
