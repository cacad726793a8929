import XCTest
@testable import CareServices

final class CareServicesPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(1 + 1, 2) }
}
