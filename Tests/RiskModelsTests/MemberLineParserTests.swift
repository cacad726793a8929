import XCTest
@testable import RiskModels

/// The byte-level JSON-lines reader and writer.
final class MemberLineParserTests: XCTestCase {
    func testParsesAMemberAndIgnoresUnknownFields() throws {
        var parser = MemberLineParser()
        let line = #" {"note":{"a":[1,2.5e3,null,"x\"y"]},"id":"m\u00e9 1","age":72,"sex":"F","elig":"INS","orec":"1","medicaid":true,"dx":["E11.22","bad code","i509"]} "#
        let member = try parser.parse(line).get()
        XCTAssertEqual(member, RiskMember(id: "mé 1", age: 72, sex: .female, segment: .institutional, originalReason: .disability,
                                          medicaid: true, diagnoses: [code("E1122"), code("I509")]))
    }

    func testRejectsBadLinesWithAReason() {
        var parser = MemberLineParser()
        let base = #""id":"m","age":72,"sex":"F","elig":"CNA","orec":"0","medicaid":false"#
        XCTAssertEqual(parser.parse("{\(base)}"), .failure(.missingField("dx")))
        XCTAssertEqual(parser.parse(#"{"id":"m","age":72,"sex":"X","elig":"CNA","orec":"0","medicaid":false,"dx":[]}"#),
                       .failure(.invalidField("sex", "must be \"F\" or \"M\"")))
        XCTAssertEqual(parser.parse(#"{"id":"m","age":-1}"#), .failure(.invalidField("age", "must be a non-negative whole number")))
        XCTAssertEqual(parser.parse(#"{"id":"m","age":7.5}"#), .failure(.invalidField("age", "must be a whole number of years")))
        XCTAssertEqual(parser.parse("{\(base),\"dx\":[]} x"), .failure(.malformed("unexpected text after the object")))
        XCTAssertEqual(parser.parse("[1]"), .failure(.malformed("a member line must be a JSON object")))
        if case .success = parser.parse(#"{"id":"m","age":72,"sex":"F","elig":"CXA","orec":"0","medicaid":false,"dx":[]}"#) {
            XCTFail("unknown segment accepted")
        }
    }

    func testWritesTheOracleOutputFormat() {
        let score = CMSHCCModel.v28PaymentYear2026.score(member(["E1122", "E119"]))
        var out = ByteBuffer()
        JSONLineWriter.append(score, to: &out)
        XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self),
                       #"{"id":"t","model":"cms-hcc-v28","year":2026,"segment":"CNA","hccs":["HCC37"],"dropped":["HCC38"],"score":0.561,"terms":{"F70_74":0.395,"HCC37":0.166}}"# + "\n")
    }

    func testNumbersPrintAsPythonRoundsThem() {
        let cases = [4980: "4.98", 1000: "1.0", 0: "0.0", -50: "-0.05", 1005: "1.005", 1050: "1.05", 12345: "12.345",
                     -1: "-0.001", 999: "0.999", 100: "0.1", 10: "0.01", -12000: "-12.0", 1_234_567_890: "1234567.89"]
        for (value, text) in cases {
            var out = ByteBuffer()
            out.appendThousandths(value)
            XCTAssertEqual(String(decoding: out.bytes, as: UTF8.self), text)
        }
    }
}
