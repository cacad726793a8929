import Foundation
import XCTest
import Storage

/// A fresh temp folder per test, holding real SQLite files; removed afterwards.
class StorageTestCase: XCTestCase {
    private(set) var folder: URL!
    private var opened: [Database] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tend-storage-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        opened.forEach { $0.close() }
        opened = []
        try FileManager.default.removeItem(at: folder)
    }

    /// The path of a database file in this test's folder.
    func path(_ name: String = "test.sqlite") -> String {
        folder.appendingPathComponent(name).path
    }

    /// Opens (and closes at tear-down) a database in this test's folder.
    func openDatabase(_ name: String = "test.sqlite", readerCount: Int = 4) throws -> Database {
        let database = try Database(path: path(name), readerCount: readerCount)
        opened.append(database)
        return database
    }

    /// The `StorageError` thrown by `body`, failing the test if it threw something else or nothing.
    func storageError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> StorageError? {
        do {
            try body()
            XCTFail("expected a StorageError, nothing was thrown", file: file, line: line)
        } catch let error as StorageError {
            return error
        } catch {
            XCTFail("expected a StorageError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
