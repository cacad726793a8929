import FHIR
import XCTest

final class JSONValueTests: XCTestCase {
    func testReadsScalarsAndNestedMembers() throws {
        let document = try JSONDocument(#"{"a": {"b": [true, false, null, -2, "x\"y\u00e4\uD83D\uDE00"]}, "n": 1.50}"#)
        let list = try XCTUnwrap(document.root["a"]?["b"])
        XCTAssertEqual(list.kind, .array)
        XCTAssertEqual(list.count, 5)
        XCTAssertEqual(list[0]?.bool, true)
        XCTAssertEqual(list[1]?.bool, false)
        XCTAssertEqual(list[2]?.isNull, true)
        XCTAssertEqual(list[3]?.int, -2)
        XCTAssertEqual(list[4]?.string, "x\"yä😀")
        XCTAssertNil(list[5])
        XCTAssertEqual(document.root["n"]?.numberText, "1.50")
        XCTAssertEqual(document.root["n"]?.double, 1.5)
        XCTAssertEqual(document.root["n"]?.decimal, Decimal(string: "1.5"))
        XCTAssertNil(document.root["missing"])
        XCTAssertNil(document.root["n"]?["x"], "a number has no members")
        XCTAssertEqual(document.root.members.map(\.key), ["a", "n"])
    }

    func testLookupFindsEscapedKeys() throws {
        let document = try JSONDocument(#"{"r\u00e9f": 1, "ref": 2}"#)
        XCTAssertEqual(document.root["réf"]?.int, 1)
        XCTAssertEqual(document.root["ref"]?.int, 2)
    }

    func testByteRangeIsTheExactSourceText() throws {
        let text = "{ \"resource\" : { \"id\" : \"1\" ,\n \"v\": 1.50 } }"
        let document = try JSONDocument(text)
        let resource = try XCTUnwrap(document.root["resource"])
        XCTAssertEqual(String(decoding: resource.sourceBytes, as: UTF8.self), "{ \"id\" : \"1\" ,\n \"v\": 1.50 }")
    }

    func testCompactWriterKeepsNumberTextAndEscapes() throws {
        let text = "{ \"v\" : 1.50 , \"e\": -0.0E+01, \"s\" : \"a \\\"b\\\" \\u00e4 c\", \"l\": [ 1 , { } , [ ] ] }"
        let document = try JSONDocument(text)
        let compact = String(decoding: JSONWriter.compact(document.root), as: UTF8.self)
        XCTAssertEqual(compact, "{\"v\":1.50,\"e\":-0.0E+01,\"s\":\"a \\\"b\\\" \\u00e4 c\",\"l\":[1,{},[]]}")
    }

    func testWriterOutputReparsesToAnEqualTree() throws {
        for (name, text) in JSONConformanceTests.accepted {
            let document = try JSONDocument(text)
            let reparsed = try JSONDocument(bytes: JSONWriter.compact(document.root))
            XCTAssertEqual(JSONTree(reparsed.root), JSONTree(document.root), name)
            let fromTree = try JSONDocument(bytes: JSONTree(document.root).serialized())
            XCTAssertEqual(JSONTree(fromTree.root), JSONTree(document.root), name)
        }
    }

    func testReplacedStringsShowInReadsAndInTheWriter() throws {
        let document = try JSONDocument(#"{"subject": {"reference": "urn:uuid:1"}, "other": "keep"}"#)
        let reference = try XCTUnwrap(document.root["subject"]?["reference"])
        let changed = document.replacingStrings([reference.index: "Patient/\"1\""])
        XCTAssertEqual(changed.root["subject"]?["reference"]?.string, "Patient/\"1\"")
        XCTAssertEqual(document.root["subject"]?["reference"]?.string, "urn:uuid:1", "the original is untouched")
        XCTAssertEqual(String(decoding: JSONWriter.compact(changed.root), as: UTF8.self),
                       #"{"subject":{"reference":"Patient/\"1\""},"other":"keep"}"#)
        XCTAssertEqual(String(decoding: JSONWriter.compact(try XCTUnwrap(changed.root["subject"])), as: UTF8.self),
                       #"{"reference":"Patient/\"1\""}"#)
    }

    func testQuotedWriterEscapesControlCharacters() throws {
        let tree = JSONTree.object([.init("k\n", .string("a\u{01}\"\\\t"))])
        let bytes = tree.serialized()
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), #"{"k\n":"a\u0001\"\\\t"}"#)
        XCTAssertEqual(JSONTree(try JSONDocument(bytes: bytes).root), tree)
    }

    func testJSONNumberAcceptsOnlyTheGrammar() {
        XCTAssertEqual(JSONNumber("1.50")?.text, "1.50")
        XCTAssertNil(JSONNumber("01"))
        XCTAssertNil(JSONNumber("1."))
        XCTAssertNil(JSONNumber("NaN"))
        XCTAssertNil(JSONNumber("\"1\""))
    }
}
