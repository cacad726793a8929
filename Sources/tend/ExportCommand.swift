import CareServices
import Foundation

/// `tend export fhir`: an organization's imported resources as Bulk Data NDJSON files.
enum ExportCommand {
    static let help = """
    Usage: tend export fhir --db PATH --out DIR [--org NAME]
    Writes one Type.ndjson file per resource type (FHIR Bulk Data layout). `tend import fhir` of the folder
    reproduces the same records. --org may be left out when one organization holds imported data.
    """

    static func run(_ args: [String]) throws -> Int32 {
        guard args.first == "fhir" else {
            if args.first == "--help" || args.first == "-h" { print(help); return 0 }
            throw CLIError.usage("expected 'tend export fhir'", help: "tend export --help")
        }
        let a = try Arguments(Array(args.dropFirst()), command: "export fhir", valued: ["--db", "--out", "--org"])
        if a.wantsHelp { print(help); return 0 }
        let path = try a.required("--db"), out = try a.required("--out")
        let database = try Store.open(path)
        defer { database.close() }
        let services = Store.services(database)
        let organizationID: Int64
        if let name = a.optional("--org") {
            organizationID = try services.fhirImport.organizationID(named: name)
        } else {
            let holders = try services.fhirExport.organizationsWithResources()
            guard holders.count == 1, let only = holders.first else {
                throw CLIError.usage(holders.isEmpty ? "there is nothing to export" : "several organizations hold data; name one with --org",
                                     help: "tend export --help")
            }
            organizationID = only
        }
        let counts = try services.fhirExport.export(organizationID: organizationID, to: out)
        for (type, count) in counts.sorted(by: { $0.key < $1.key }) { print("  \(type).ndjson  \(count)") }
        print("Exported \(counts.values.reduce(0, +)) resources to \(out).")
        return 0
    }
}
