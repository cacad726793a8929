import Foundation
@testable import RiskModels

/// Locates ../shared/data/risk-dev from this file and reads its JSON-lines files.
enum RiskDevData {
    /// The package root (two levels above Tests/RiskModelsTests).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// ../shared/data/risk-dev relative to the package root.
    static let folder = packageRoot.appendingPathComponent("../shared/data/risk-dev").standardized

    /// The lines of a file in risk-dev.
    static func lines(_ name: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    /// Members of an input file, parsed with the production parser.
    static func members(_ name: String) throws -> [RiskMember] {
        var parser = MemberLineParser()
        return try lines(name).enumerated().map { index, line in
            switch parser.parse(line) {
            case .success(let member): return member
            case .failure(let error): throw NSError(domain: "\(name):\(index + 1): \(error)", code: 1)
            }
        }
    }

    /// Each line of an expected-output file as a JSON object.
    static func objects(_ name: String) throws -> [[String: Any]] {
        try lines(name).map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw NSError(domain: "\(name): not an object", code: 1)
            }
            return object
        }
    }
}
