import FHIR
import Foundation
import Storage

/// One claims-style member line (`members_5k.jsonl`): `{"id","age","sex","elig","orec","medicaid","dx"}`.
struct MemberLine {
    let id: String
    let age: Int
    /// `F` or `M`.
    let sex: String
    /// CMS-HCC eligibility segment (CNA, CND, CFA, CFD, CPA, CPD, INS, NE…).
    let eligibility: String
    /// Original reason for entitlement (0 age, 1 disability, 2 ESRD, 3 both).
    let originalReason: String
    let medicaid: Bool
    /// ICD-10-CM codes as given (not validated here: claims carry codes the risk models ignore).
    let diagnoses: [String]

    /// Reads one line; the error says which field is wrong.
    init(_ bytes: [UInt8], line: Int) throws {
        let root: JSONValue
        do { root = try JSONDocument(bytes: bytes).root } catch { throw ImportProblem("line \(line): \(error.description)") }
        func fail(_ field: String, _ expected: String) -> ImportProblem { ImportProblem("line \(line): \(field) must be \(expected)") }
        guard root.kind == .object else { throw ImportProblem("line \(line): not a JSON object") }
        guard let id = root["id"]?.string, MemberLine.isFHIRID(id) else { throw fail("id", "a string of 1-60 letters, digits, '-' or '.'") }
        guard let age = root["age"]?.int, (0...130).contains(age) else { throw fail("age", "a whole number of years from 0 to 130") }
        guard let sex = root["sex"]?.string, sex == "F" || sex == "M" else { throw fail("sex", "\"F\" or \"M\"") }
        guard let eligibility = root["elig"]?.string, !eligibility.isEmpty else { throw fail("elig", "a non-empty string") }
        guard let reason = root["orec"]?.string ?? root["orec"]?.numberText else { throw fail("orec", "a string") }
        guard let medicaid = root["medicaid"]?.bool else { throw fail("medicaid", "true or false") }
        guard let dx = root["dx"], dx.kind == .array else { throw fail("dx", "an array of ICD-10-CM codes") }
        var codes: [String] = []
        for element in dx.elements {
            guard let code = element.string, !code.isEmpty else { throw fail("dx", "an array of non-empty strings") }
            codes.append(code)
        }
        self.id = id
        self.age = age
        self.sex = sex
        self.eligibility = eligibility
        self.originalReason = reason
        self.medicaid = medicaid
        self.diagnoses = codes
    }

    /// Member ids become FHIR ids (with suffixes for the derived resources), so they keep to the id grammar.
    static func isFHIRID(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 60 && text.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 122) || b == 45 || b == 46
        }
    }

    /// The member as FHIR NDJSON: a Patient, a Coverage (the eligibility segment) and one Condition per diagnosis.
    ///
    /// The file gives age, not birth date: the Patient gets a birth *year* (`asOfYear - age`) and keeps
    /// the age itself in an extension, so risk models read the age the payer computed.
    func fhirLines(asOfYear: Int) -> [UInt8] {
        var out: [UInt8] = []
        func line(_ text: String) { out += Array(text.utf8); out.append(10) }
        let q = MemberLine.quoted
        let ext = "https://tend.example/fhir/StructureDefinition/"
        line(#"{"resourceType":"Patient","id":\#(q(id)),"identifier":[{"system":"urn:tend:member-id","value":\#(q(id))}],"# +
             #""name":[{"text":\#(q("Member " + id)),"family":\#(q(id)),"given":["Member"]}],"gender":\#(q(sex == "F" ? "female" : "male")),"# +
             #""birthDate":"\#(String(format: "%04d", max(1, asOfYear - age)))","# +
             #""extension":[{"url":"\#(ext)member-age","valueInteger":\#(age)}]}"#)
        line(#"{"resourceType":"Coverage","id":\#(q(id + "-coverage")),"status":"active","beneficiary":{"reference":\#(q("Patient/" + id))},"# +
             #""payor":[{"display":"Medicare"}],"type":{"coding":[{"system":"urn:tend:cms-hcc-segment","code":\#(q(eligibility))}]},"# +
             #""extension":[{"url":"\#(ext)original-reason-for-entitlement","valueCode":\#(q(originalReason))},"# +
             #"{"url":"\#(ext)medicaid-dual","valueBoolean":\#(medicaid)}]}"#)
        for (index, code) in diagnoses.enumerated() {
            line(#"{"resourceType":"Condition","id":\#(q("\(id)-dx-\(index + 1)")),"subject":{"reference":\#(q("Patient/" + id))},"# +
                 #""clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},"# +
                 #""category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category","code":"encounter-diagnosis"}]}],"# +
                 #""code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":\#(q(code))}],"text":\#(q(code))}}"#)
        }
        return out
    }

    static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        FHIR.JSONWriter.appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension MemberLine {
    /// Streams a members file line by line, handing each member's FHIR NDJSON to `feed`.
    static func forEachMember(inFileAtPath path: String, asOfYear: Int, _ feed: ([UInt8]) throws -> Void) throws {
        var pending: [UInt8] = []
        var lineNumber = 0
        func emit(_ line: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard line.contains(where: { $0 != 32 && $0 != 9 && $0 != 13 }) else { return }
            try feed(try MemberLine(Array(line), line: lineNumber).fhirLines(asOfYear: asOfYear))
        }
        try FileBytes.forEachChunk(ofFileAtPath: path, size: 1 << 20) { chunk in
            pending += chunk
            var start = 0
            while let newline = pending[start...].firstIndex(of: 10) {
                try emit(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(0..<start)
        }
        try emit(pending[...])
    }
}

/// Mapped resources of a few hundred members, handed from the parsing thread to the writer, or the
/// error that stopped the parsing. `@unchecked Sendable`: `FHIRRecord`s are values, handed over once
/// through the queue and never shared after (as `PreparedFile`).
struct MappedMembers: @unchecked Sendable {
    var resources: [(ResourceToStore, FHIRRecord, ResourceLocation)] = []
    var error: (any Error)?
}

extension MemberLine {
    /// Members per hand-over: about 7 resources each (with their parsed JSON), so ~1,800 resources.
    static let membersPerBatch = 256
    /// The writer's page cache while a members file is stored (negative: KiB).
    static let importCacheKiB = -65_536

    /// Stores a members file through `writer` with the parsing on a second thread: this thread only
    /// writes (SQLite is most of the cost), while the other reads the lines, makes each member's FHIR
    /// NDJSON and reads and maps it back exactly as `.ndjson` files are (same checks, same rows, same
    /// line numbers in errors). The first error, from either side, stops both.
    static func store(fileAtPath path: String, asOfYear: Int, into writer: inout ImportWriter) throws {
        // The whole file is one transaction, so every page it dirties stays in the cache or spills to
        // the WAL, where each later miss searches the WAL's index (the cost grows with the file). The
        // code index of the conditions is inserted into at random: give it room for the run (64 MiB was
        // as fast as 128 MiB at 1M members, with 160 MB peak RSS instead of 237).
        let connection = writer.connection
        let previousCache = try connection.scalar("PRAGMA cache_size")
        try connection.execute("PRAGMA cache_size = \(importCacheKiB)")
        defer { try? connection.execute("PRAGMA cache_size = \(previousCache.integerValue)") }
        let queue = BoundedQueue<MappedMembers>(capacity: 4)
        let parsed = DispatchGroup()
        parsed.enter()
        Thread.detachNewThread {
            defer { parsed.leave() }
            var batch = MappedMembers()
            var members = 0
            var reader = NDJSONReader()
            // A repeated member repeats its Patient first (the other resources' ids are derived from the
            // member id and cannot clash across members): one hash per member, as ImportWriter's message.
            var seenPatients = Set<Int>()
            func map(_ resource: FHIRResource) throws {
                let (row, record) = try ResourceMapper.map(resource)
                if resource.resourceType == "Patient" {
                    var hasher = Hasher()
                    hasher.combine(resource.resourceType)
                    hasher.combine(resource.id)
                    guard seenPatients.insert(hasher.finalize()).inserted else {
                        throw ImportProblem("\(resource.resourceType)/\(resource.id) at \(resource.location) appears twice in the file")
                    }
                }
                batch.resources.append((row, record, resource.location))
            }
            do {
                try forEachMember(inFileAtPath: path, asOfYear: asOfYear) { lines in
                    try reader.read(lines, map)
                    members += 1
                    if members == membersPerBatch {
                        guard queue.push(batch) else { throw CancellationError() }
                        batch = MappedMembers()
                        members = 0
                    }
                }
                try reader.finish(map)
            } catch is CancellationError {
                return
            } catch {
                batch.error = error
            }
            queue.push(batch)
            queue.close()
        }
        defer {
            queue.cancel()
            parsed.wait()
        }
        while let batch = queue.pop() {
            for (row, record, location) in batch.resources { try writer.store(row, record: record, location: location) }
            if let error = batch.error { throw error }
        }
    }
}

extension FHIRImportService {
    /// Imports a members JSON-lines file as patients with diagnoses and coverage, all or nothing,
    /// streamed line by line. The birth year is counted from `asOfYear` (default: this year, UTC).
    public func importMembers(atPath path: String, organizationID: Int64, asOfYear: Int? = nil, actor: ImportActor = .commandLine) -> ImportFileReport {
        let year = asOfYear ?? Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: environment.clock.now()).year ?? 2026
        return importFiles([ImportInput(path: path, kind: .members(asOfYear: year))], organizationID: organizationID, actor: actor)[0]
    }
}
