// Times the FHIR module's readers on every Synthea bundle against Foundation on the same bytes.
// Build and run with bench/fhir-parse/run.sh (a standalone `swiftc -O` build of the module sources).
import Foundation

@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

let directory = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "../shared/data/synthea-r4"
let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    .filter { $0.hasSuffix(".json") && $0 != "counts.json" }.sorted()
let files: [[UInt8]] = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
let datas = files.map { Data($0) }
let totalBytes = files.reduce(0) { $0 + $1.count }
let megabytes = Double(totalBytes) / 1_000_000
var resourceCount = 0
for file in files { resourceCount += try FHIRBundleReader().read(file).resources.count }
print("\(files.count) bundles, \(String(format: "%.1f", megabytes)) MB, \(resourceCount) resources")

/// Best wall time of `runs` passes over all files.
func best(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

struct MinimalBundle: Decodable {
    struct Entry: Decodable { let fullUrl: String?; let resource: Resource }
    struct Resource: Decodable { let resourceType: String; let id: String }
    let entry: [Entry]
}

func report(_ name: String, _ seconds: Double, against baseline: Double? = nil) {
    let ratio = baseline.map { String(format: "  (%.1fx JSONSerialization)", $0 / seconds) } ?? ""
    print(name.padding(toLength: 44, withPad: " ", startingAt: 0),
          String(format: "%7.1f ms %8.1f MB/s %10.0f resources/s", seconds * 1000, megabytes / seconds, Double(resourceCount) / seconds) + ratio)
}

let serialization = try best(3) { for data in datas { blackHole(try JSONSerialization.jsonObject(with: data)) } }
let decoder = try best(3) { for data in datas { blackHole(try JSONDecoder().decode(MinimalBundle.self, from: data)) } }
let parseOnly = try best { for file in files { blackHole(try JSONDocument(bytes: file)) } }
let bundleRead = try best { for file in files { blackHole(try FHIRBundleReader().read(file)) } }
let typed = try best {
    for file in files {
        for resource in try FHIRBundleReader().read(file).resources { blackHole(try FHIRRecord(resource)) }
    }
}
report("JSONSerialization.jsonObject", serialization)
report("JSONDecoder (type + id of each entry)", decoder, against: serialization)
report("JSONDocument (parse to tape)", parseOnly, against: serialization)
report("FHIRBundleReader (parse+resolve+compact)", bundleRead, against: serialization)
report("FHIRBundleReader + FHIRRecord extraction", typed, against: serialization)
print(String(format: "ratio JSONDocument / JSONDecoder: %.1fx; bundle reader / JSONDecoder: %.1fx", decoder / parseOnly, decoder / bundleRead))
