import CareServices
import Foundation

/// `tend import fhir|members`: loads an organization's population from files, each file all or nothing.
enum ImportCommand {
    static let help = """
    Usage: tend import fhir --db PATH --org NAME FILE_OR_DIR...
           tend import members --db PATH --org NAME FILE.jsonl
    fhir: imports FHIR R4 transaction/collection Bundles (*.json) and Bulk Data NDJSON (*.ndjson); a folder
          means its *.json and *.ndjson files (not sub-folders). Source ids are kept as FHIR ids.
    members: imports claims-style members (JSON lines: id, age, sex, elig, orec, medicaid, dx) as patients
          with their diagnoses and coverage.
    A file with any problem is rejected whole (one line on stderr naming the file and the problem) and the
    other files still import. Importing the same file again changes nothing. Exit status 1 if any file was rejected.
    """

    static func run(_ args: [String]) throws -> Int32 {
        guard let kind = args.first, kind == "fhir" || kind == "members" else {
            if args.first == "--help" || args.first == "-h" { print(help); return 0 }
            throw CLIError.usage("expected 'tend import fhir' or 'tend import members'", help: "tend import --help")
        }
        let (options, files) = splitFiles(Array(args.dropFirst()))
        let a = try Arguments(options, command: "import \(kind)", valued: ["--db", "--org"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db"), organization = try a.required("--org")
        guard !files.isEmpty else { throw CLIError.usage("name at least one file or folder to import", help: "tend import --help") }
        let inputs = try expand(files, membersOnly: kind == "members")
        let database = try Store.open(path)
        defer { database.close() }
        let service = Store.services(database).fhirImport
        let organizationID = try service.organizationID(named: organization)
        let progress = ImportProgress(files: inputs.count, bytes: inputs.reduce(0) { $0 + $1.bytes })
        var total = ImportCounts()
        var rejected = 0
        let year = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: Date()).year ?? 2026
        let inputKind: ImportInput.Kind = kind == "members" ? .members(asOfYear: year) : .fhir
        _ = service.importFiles(inputs.map { ImportInput(path: $0.path, kind: inputKind) }, organizationID: organizationID) { report in
            switch report.outcome {
            case .imported(let counts): total.add(counts)
            case .rejected:
                rejected += 1
                progress.clearLine()
                FileHandle.standardError.write(Data("tend: rejected \(report.rejectionLine ?? report.file)\n".utf8))
            }
            progress.advance(bytes: report.bytes, resources: total.total)
        }
        progress.finish()
        print(summary(total, files: inputs.count, rejected: rejected, seconds: progress.elapsed))
        return rejected == 0 ? 0 : 1
    }

    /// The final table: resources per type, then what changed.
    static func summary(_ counts: ImportCounts, files: Int, rejected: Int, seconds: Double) -> String {
        var lines = ["Imported \(files - rejected) of \(files) file\(files == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s"
                     + (rejected > 0 ? " (\(rejected) rejected)" : "") + "."]
        let width = max(12, counts.byType.keys.map(\.count).max() ?? 0)
        for (type, count) in counts.byType.sorted(by: { $0.key < $1.key }) {
            lines.append("  " + type.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "%8d", count))
        }
        lines.append("  " + "Total".padding(toLength: width, withPad: " ", startingAt: 0) + String(format: "%8d", counts.total)
                     + "  (new \(counts.inserted), changed \(counts.updated), unchanged \(counts.unchanged))")
        if seconds > 0 { lines.append("  \(Int(Double(counts.total) / seconds)) resources/s") }
        return lines.joined(separator: "\n")
    }

    /// Options (`--x value`) apart from the file operands.
    private static func splitFiles(_ args: [String]) -> ([String], [String]) {
        var options: [String] = [], files: [String] = []
        var index = 0
        while index < args.count {
            if args[index].hasPrefix("-") {
                options.append(args[index])
                if index + 1 < args.count, !args[index + 1].hasPrefix("-"), args[index] != "--help", args[index] != "-h" {
                    options.append(args[index + 1])
                    index += 1
                }
            } else {
                files.append(args[index])
            }
            index += 1
        }
        return (options, files)
    }

    struct Input {
        let path: String
        let bytes: Int
    }

    /// Files named, and the *.json / *.ndjson files of folders named, in name order. Only sizes are read here.
    static func expand(_ operands: [String], membersOnly: Bool) throws -> [Input] {
        let manager = FileManager.default
        var inputs: [Input] = []
        for operand in operands {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: operand, isDirectory: &isDirectory) else { throw CLIError.failed("no file or folder at \(operand)") }
            var paths = [operand]
            if isDirectory.boolValue {
                let names = try manager.contentsOfDirectory(atPath: operand).sorted()
                let extensions = membersOnly ? [".jsonl"] : [".json", ".ndjson"]
                paths = names.filter { name in extensions.contains { name.hasSuffix($0) } }.map { (operand as NSString).appendingPathComponent($0) }
                    .filter { path in
                        var nested: ObjCBool = false
                        return manager.fileExists(atPath: path, isDirectory: &nested) && !nested.boolValue
                    }
            }
            for path in paths {
                let size = (try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                inputs.append(Input(path: path, bytes: size))
            }
        }
        return inputs
    }
}
