import XCTest
@testable import RiskModels

final class RiskModelsPlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(1 + 1, 2) }
}
