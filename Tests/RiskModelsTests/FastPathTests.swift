import XCTest
@testable import RiskModels

/// The CLI's fast path (`MemberRecord` → `summary(of:)` / `ComorbiditySummary` → pre-rendered line formats)
/// against the explanation path (`RiskMember` → `score(_:)` / `ComorbidityResult` → `JSONLineWriter`):
/// same members, HCCs, dropped HCCs, terms, scores and output bytes, member by member.
final class FastPathTests: XCTestCase {
    func testV28FastPathEqualsExplanationPathOnRiskDev() throws {
        for file in ["members_5k.jsonl", "edge_cases.jsonl"] { try checkHCC(.v28PaymentYear2026, file) }
    }

    func testV24FastPathEqualsExplanationPathOnRiskDev() throws {
        for file in ["members_5k.jsonl", "edge_cases.jsonl"] { try checkHCC(.v24PaymentYear2025, file) }
    }

    func testComorbidityFastPathEqualsExplanationPathOnRiskDev() throws {
        let format = ComorbidityLineFormat()
        for file in ["members_5k.jsonl", "edge_cases.jsonl"] {
            let pairs = try parsedBothWays(file)
            XCTAssertGreaterThanOrEqual(pairs.count, 51, "\(file) read")
            var mismatches: [String] = []
            for (member, record) in pairs {
                let full = ComorbidityResult(member: member)
                let fast = ComorbiditySummary(diagnoses: record.diagnoses)
                var problems: [String] = []
                if fast.charlsonConditions() != full.charlson.conditions.map(\.name) { problems.append("charlson conditions") }
                if fast.charlson1987Score != full.charlson.charlson1987Score { problems.append("charlson1987") }
                if fast.quan2011Score != full.charlson.quan2011Score { problems.append("quan2011") }
                if fast.elixhauserConditions() != full.elixhauser.conditions.map(\.name) { problems.append("elixhauser conditions") }
                if fast.vanWalravenScore != full.elixhauser.vanWalravenScore { problems.append("van Walraven") }
                var slow = ByteBuffer(), quick = ByteBuffer()
                JSONLineWriter.append(full, to: &slow)
                format.append(fast, of: record, to: &quick)
                if slow.bytes != quick.bytes { problems.append("line \(String(decoding: quick.bytes, as: UTF8.self))") }
                if !problems.isEmpty { mismatches.append("\(member.id): " + problems.joined(separator: "; ")) }
            }
            XCTAssertTrue(mismatches.isEmpty, "\(file): \(mismatches.count) mismatches, first:\n" + mismatches.prefix(10).joined(separator: "\n"))
        }
    }

    func testIdsWithEscapesAndNonASCIIAreWrittenAlikeByBothPaths() throws {
        let ids = [#"m\"1\\2"#, #"tab\there"#, #"\u00e9t\u00e9"#, "caf\u{e9}", #"ctl\u0001"#, #"\ud83d\ude00"#, ""]
        let model = CMSHCCModel.v28PaymentYear2026
        let format = HCCLineFormat(model: model)
        var parser = MemberLineParser()
        for id in ids {
            let line = #"{"id":"\#(id)","age":70,"sex":"M","elig":"INS","orec":"1","medicaid":true,"dx":["E1122","I5020"]}"#
            let member = try parser.parse(line).get()
            var record = MemberRecord()
            var bytes = Array(line.utf8)
            try bytes.withUnsafeMutableBufferPointer { try parser.parse(UnsafeBufferPointer($0), into: &record) }
            XCTAssertEqual(record.member, member, id)
            var slow = ByteBuffer(), quick = ByteBuffer()
            JSONLineWriter.append(model.score(member), paymentScore: 1.234, to: &slow)
            format.append(model.summary(of: record), of: record, paymentScore: 1.234, to: &quick)
            XCTAssertEqual(String(decoding: quick.bytes, as: UTF8.self), String(decoding: slow.bytes, as: UTF8.self), id)
        }
    }

    func testRecordParserRejectsWhatTheMemberParserRejects() {
        var parser = MemberLineParser()
        let lines = [
            #"{"id":"m","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false}"#,
            #"{"id":"m","age":72,"sex":"FF","elig":"CNA","orec":"0","medicaid":false,"dx":[]}"#,
            #"{"id":"m","age":72,"sex":"F","elig":"CN","orec":"0","medicaid":false,"dx":[]}"#,
            #"{"id":"m","age":72,"sex":"F","elig":"CNA","orec":"4","medicaid":false,"dx":[]}"#,
            #"{"id":"m","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":0,"dx":[]}"#,
            #"{"id":"m","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":["E11"}"#,
            #"{"id":"m\x","age":72}"#,
            #"{"id":"m"#,
        ]
        for line in lines {
            let expected = parser.parse(line)
            guard case .failure(let error) = expected else { XCTFail("accepted: \(line)"); continue }
            var record = MemberRecord()
            var bytes = Array(line.utf8)
            XCTAssertThrowsError(try bytes.withUnsafeMutableBufferPointer { try parser.parse(UnsafeBufferPointer($0), into: &record) }) {
                XCTAssertEqual($0 as? MemberLineError, error, line)
            }
        }
    }

    func testCodesReadInOneLoadEqualTheGeneralCodeParser() throws {
        // (as written in the JSON line, its text after decoding)
        let cases: [(json: String, text: String)] = [
            ("E1122", "E1122"), ("A", "A"), ("Z9989AB", "Z9989AB"), ("Z9989ABC", "Z9989ABC"), ("", ""),
            ("e1122", "e1122"), ("E11.22", "E11.22"), ("E11 22", "E11 22"), (#"E1\u0031"#, "E11"), ("É11", "É11"),
            (#"E\"1"#, "E\"1"), ("I50", "I50"), ("0", "0"), ("9Z", "9Z"), ("@", "@"), ("[", "["), ("`", "`"),
            ("{", "{"), ("/", "/"), (":", ":"),
        ]
        var parser = MemberLineParser()
        var record = MemberRecord()
        for (json, text) in cases {
            // The code alone and first of two, so that both the 8-byte load and the byte loop near the line end run.
            for dx in [#"[""# + json + #""]"#, #"[""# + json + #"","E1122"]"#] {
                var bytes = Array((#"{"id":"m","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false,"dx":"# + dx + "}").utf8)
                try bytes.withUnsafeMutableBufferPointer { try parser.parse(UnsafeBufferPointer($0), into: &record) }
                let expected = [ICD10Code(text)].compactMap { $0 } + (dx.hasSuffix(#","E1122"]"#) ? [code("E1122")] : [])
                XCTAssertEqual(record.diagnoses, expected, dx)
            }
        }
    }

    func testByteBufferGrowsPastItsFirstCapacity() {
        var out = ByteBuffer(capacity: 64)
        for number in 0..<1000 { out.appendDecimal(number); out.append(UInt8(ascii: ",")) }
        let expected = (0..<1000).map { "\($0)," }.joined()
        XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), expected)
        out.removeAll()
        XCTAssertEqual(out.count, 0)
    }

    private func checkHCC(_ model: CMSHCCModel, _ file: String) throws {
        let format = HCCLineFormat(model: model)
        let pairs = try parsedBothWays(file)
        XCTAssertGreaterThanOrEqual(pairs.count, 51, "\(file) read")
        var mismatches: [String] = []
        for (member, record) in pairs {
            let full = model.score(member)
            let fast = model.summary(of: record)
            var problems: [String] = []
            if fast != model.summary(of: member) { problems.append("summary of record != summary of member") }
            if fast.hccs != full.hccs.map(\.hcc) { problems.append("hccs \(fast.hccs) != \(full.hccs.map(\.hcc))") }
            if fast.droppedHCCs != full.dropped.map(\.hcc) { problems.append("dropped \(fast.droppedHCCs)") }
            if fast.rawScoreThousandths != full.rawScoreThousandths { problems.append("score \(fast.rawScoreThousandths)") }
            if model.terms(of: fast) != full.terms { problems.append("terms") }
            let payment = (model.normalizationFactor, model.codingIntensityAdjustment)
            for paymentScore in [nil, full.paymentScore(normalizationFactor: payment.0, codingIntensityAdjustment: payment.1)] {
                var slow = ByteBuffer(), quick = ByteBuffer()
                JSONLineWriter.append(full, paymentScore: paymentScore, to: &slow)
                format.append(fast, of: record, paymentScore: paymentScore, to: &quick)
                if slow.bytes != quick.bytes { problems.append("line \(String(decoding: quick.bytes, as: UTF8.self))") }
            }
            if fast.paymentScore(normalizationFactor: payment.0, codingIntensityAdjustment: payment.1)
                != full.paymentScore(normalizationFactor: payment.0, codingIntensityAdjustment: payment.1) {
                problems.append("payment score")
            }
            if !problems.isEmpty { mismatches.append("\(member.id): " + problems.joined(separator: "; ")) }
        }
        XCTAssertTrue(mismatches.isEmpty, "\(model.version) \(file): \(mismatches.count) mismatches, first:\n"
                      + mismatches.prefix(10).joined(separator: "\n"))
    }

    /// Each line parsed into a `RiskMember` and, with one reused record as the CLI does, into a `MemberRecord`.
    private func parsedBothWays(_ file: String) throws -> [(RiskMember, MemberRecord)] {
        var parser = MemberLineParser()
        var record = MemberRecord()
        return try RiskDevData.lines(file).map { line in
            let member = try parser.parse(line).get()
            var bytes = Array(line.utf8)
            try bytes.withUnsafeMutableBufferPointer { try parser.parse(UnsafeBufferPointer($0), into: &record) }
            XCTAssertEqual(record.member, member)
            return (member, record)
        }
    }
}
