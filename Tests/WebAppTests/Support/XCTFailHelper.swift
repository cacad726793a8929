import XCTest

/// `XCTFail` reachable from helpers that are not test methods, pointing at the caller's line.
enum XCTFailHelper {
    static func fail(_ message: String, file: StaticString, line: UInt) {
        XCTFail(message, file: file, line: line)
    }
}
