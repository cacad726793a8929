import FHIR
import XCTest

/// RFC 8259 conformance in the style of Nicolas Seriot's JSONTestSuite (`y_` must parse,
/// `n_` must be rejected); the `i_` cases we decided are listed with the decision.
final class JSONConformanceTests: XCTestCase {
    /// Documents every parser must accept.
    static let accepted: [(name: String, text: String)] = [
        ("y_array_empty", "[]"),
        ("y_array_empty_string", "[\"\"]"),
        ("y_array_false", "[false]"),
        ("y_array_heterogeneous", "[null, 1, \"1\", {}]"),
        ("y_array_null", "[null]"),
        ("y_array_with_leading_space", " [1]"),
        ("y_array_with_trailing_space", "[2] "),
        ("y_array_whitespace_between", "[1\n,\r\t2 ]"),
        ("y_number_0", "[0]"),
        ("y_number_negative_zero", "[-0]"),
        ("y_number_negative_int", "[-123]"),
        ("y_number_real_exponent", "[123e45]"),
        ("y_number_real_capital_e_neg_exp", "[1E-2]"),
        ("y_number_real_pos_exponent", "[1e+2]"),
        ("y_number_real_fraction_exponent", "[123.456e78]"),
        ("y_number_simple_real", "[123.456789]"),
        ("y_number_0e1", "[0e1]"),
        ("y_number_after_space", "[ 4]"),
        ("y_number_huge_exp", "[1.5e99999]"),
        ("y_object_basic", "{\"asd\":\"sdf\"}"),
        ("y_object_duplicated_key", "{\"a\":\"b\",\"a\":\"c\"}"),
        ("y_object_empty", "{}"),
        ("y_object_empty_key", "{\"\":0}"),
        ("y_object_escaped_null_in_key", "{\"foo\\u0000bar\": 42}"),
        ("y_object_nested", "{\"a\":{\"b\":[{\"c\":null}]}}"),
        ("y_string_accepted_surrogate_pair", "[\"\\uD801\\udc37\"]"),
        ("y_string_allowed_escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"),
        ("y_string_escaped_control_character", "[\"\\u0012\"]"),
        ("y_string_non_ascii", "[\"ä € 𝄞 日本\"]"),
        ("y_string_unicode_escape_2", "[\"\\u00e4\\u20AC\"]"),
        ("y_string_utf8_max", "[\"\u{10FFFF}\"]"),
        ("y_string_u_plus_2028", "[\"\u{2028}\"]"),
        ("y_string_with_del_character", "[\"a\u{7F}a\"]"),
        ("y_string_long_ascii_crossing_words", "[\"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop\"]"),
        ("y_structure_lonely_false", "false"),
        ("y_structure_lonely_int", "42"),
        ("y_structure_lonely_null", "null"),
        ("y_structure_lonely_string", "\"asd\""),
        ("y_structure_lonely_true", "true"),
        ("y_structure_whitespace_array", " [] "),
        ("i_structure_UTF-8_BOM_empty_object (accepted: RFC 8259 §8.1 allows ignoring a BOM)", "\u{FEFF}{}"),
        ("i_string_escaped_noncharacter (a valid scalar)", "[\"\\uFFFF\"]"),
    ]

    /// Documents every parser must reject, with the issue we report.
    static let rejected: [(name: String, bytes: [UInt8], issue: JSONSyntaxIssue)] = [
        ("n_structure_empty", [], .unexpectedEndOfInput),
        ("n_structure_whitespace_only", Array(" \n ".utf8), .unexpectedEndOfInput),
        ("n_array_extra_comma", Array("[\"\",]".utf8), .trailingComma),
        ("n_array_number_and_comma", Array("[1,]".utf8), .trailingComma),
        ("n_object_trailing_comma", Array("{\"id\":0,}".utf8), .trailingComma),
        ("n_object_trailing_comma_whitespace", Array("{\"id\":0 , \n}".utf8), .trailingComma),
        ("n_array_double_comma", Array("[1,,2]".utf8), .unexpectedCharacter(found: UInt8(ascii: ","), expected: "a JSON value")),
        ("n_array_just_comma", Array("[,]".utf8), .unexpectedCharacter(found: UInt8(ascii: ","), expected: "a JSON value")),
        ("n_array_missing_value", Array("[   , \"\"]".utf8), .unexpectedCharacter(found: UInt8(ascii: ","), expected: "a JSON value")),
        ("n_array_unclosed", Array("[\"\"".utf8), .unexpectedEndOfInput),
        ("n_array_items_separated_by_semicolon", Array("[1:2]".utf8), .unexpectedCharacter(found: UInt8(ascii: ":"), expected: "',' or ']'")),
        ("n_object_missing_colon", Array("{\"a\" b}".utf8), .unexpectedCharacter(found: UInt8(ascii: "b"), expected: "':'")),
        ("n_object_missing_comma", Array("{\"a\":1 \"b\":2}".utf8), .unexpectedCharacter(found: UInt8(ascii: "\""), expected: "',' or '}'")),
        ("n_object_unquoted_key", Array("{a: \"b\"}".utf8), .unexpectedCharacter(found: UInt8(ascii: "a"), expected: "a string key")),
        ("n_object_single_quote", Array("{'a':0}".utf8), .unexpectedCharacter(found: UInt8(ascii: "'"), expected: "a string key")),
        ("n_object_non_string_key", Array("{1:1}".utf8), .unexpectedCharacter(found: UInt8(ascii: "1"), expected: "a string key")),
        ("n_object_unterminated_value", Array("{\"a\":\"a".utf8), .unexpectedEndOfInput),
        ("n_number_leading_zero", Array("[012]".utf8), .leadingZero),
        ("n_number_negative_leading_zero", Array("[-012]".utf8), .leadingZero),
        ("n_number_dot_only_fraction", Array("[1.]".utf8), .invalidNumber),
        ("n_number_starting_with_dot", Array("[.123]".utf8), .unexpectedCharacter(found: UInt8(ascii: "."), expected: "a JSON value")),
        ("n_number_minus_alone", Array("[-]".utf8), .invalidNumber),
        ("n_number_exponent_without_digits", Array("[1e]".utf8), .invalidNumber),
        ("n_number_exponent_sign_only", Array("[1e+]".utf8), .invalidNumber),
        ("n_number_plus_sign", Array("[+1]".utf8), .unexpectedCharacter(found: UInt8(ascii: "+"), expected: "a JSON value")),
        ("n_number_hex", Array("[0x42]".utf8), .unexpectedCharacter(found: UInt8(ascii: "x"), expected: "',' or ']'")),
        ("n_number_infinity", Array("[Infinity]".utf8), .unexpectedCharacter(found: UInt8(ascii: "I"), expected: "a JSON value")),
        ("n_number_NaN", Array("[NaN]".utf8), .unexpectedCharacter(found: UInt8(ascii: "N"), expected: "a JSON value")),
        ("n_string_single_quote", Array("['single quote']".utf8), .unexpectedCharacter(found: UInt8(ascii: "'"), expected: "a JSON value")),
        ("n_string_escape_x", Array("[\"\\x00\"]".utf8), .invalidEscape),
        ("n_string_invalid_unicode_escape", Array("[\"\\uqqqq\"]".utf8), .invalidEscape),
        ("n_string_incomplete_escaped_character", Array("[\"\\u00A\"]".utf8), .invalidEscape),
        ("n_string_escaped_emoji", Array("[\"\\🌀\"]".utf8), .invalidEscape),
        ("n_string_unescaped_tab", Array("[\"\t\"]".utf8), .controlCharacterInString(0x09)),
        ("n_string_unescaped_newline", Array("[\"new\nline\"]".utf8), .controlCharacterInString(0x0A)),
        ("n_string_unescaped_nul", [0x5B, 0x22, 0x00, 0x22, 0x5D], .controlCharacterInString(0x00)),
        ("n_string_unterminated", Array("[\"a".utf8), .unexpectedEndOfInput),
        ("i_string_lone_high_surrogate (rejected)", Array("[\"\\uD800\"]".utf8), .loneSurrogate),
        ("i_string_lone_low_surrogate (rejected)", Array("[\"\\uDC00\"]".utf8), .loneSurrogate),
        ("i_string_inverted_surrogates (rejected)", Array("[\"\\uDC00\\uD800\"]".utf8), .loneSurrogate),
        ("i_string_high_then_plain_escape (rejected)", Array("[\"\\uD800\\u0041\"]".utf8), .loneSurrogate),
        ("i_string_high_then_text (rejected)", Array("[\"\\uD800abc\"]".utf8), .loneSurrogate),
        ("n_string_invalid_utf8_latin1", [0x5B, 0x22, 0xE4, 0x73, 0x22, 0x5D], .invalidUTF8),
        ("n_string_lone_continuation_byte", [0x5B, 0x22, 0x81, 0x22, 0x5D], .invalidUTF8),
        ("n_string_overlong_slash", [0x5B, 0x22, 0xC0, 0xAF, 0x22, 0x5D], .invalidUTF8),
        ("n_string_overlong_3_bytes", [0x5B, 0x22, 0xE0, 0x80, 0xAF, 0x22, 0x5D], .invalidUTF8),
        ("n_string_utf8_surrogate", [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D], .invalidUTF8),
        ("n_string_above_10FFFF", [0x5B, 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22, 0x5D], .invalidUTF8),
        ("n_string_truncated_utf8_at_end", [0x5B, 0x22, 0xE2, 0x82], .invalidUTF8),
        ("n_string_invalid_utf8_in_long_ascii_run", Array("[\"abcdefghijklmnop".utf8) + [0xFF] + Array("qrstuvwx\"]".utf8), .invalidUTF8),
        ("n_structure_invalid_utf8_outside_string", [0x5B, 0xFF, 0x5D], .invalidUTF8),
        ("n_structure_trailing_garbage", Array("[1] x".utf8), .trailingContent),
        ("n_structure_two_documents", Array("{}{}".utf8), .trailingContent),
        ("n_structure_array_after_value", Array("[1][2]".utf8), .trailingContent),
        ("n_structure_unclosed_object", Array("{\"asd\":\"asd\"".utf8), .unexpectedEndOfInput),
        ("n_incomplete_true", Array("[tru]".utf8), .unexpectedCharacter(found: UInt8(ascii: "]"), expected: "'true'")),
        ("n_incomplete_false_at_end", Array("fals".utf8), .unexpectedEndOfInput),
        ("n_capitalized_True", Array("[True]".utf8), .unexpectedCharacter(found: UInt8(ascii: "T"), expected: "a JSON value")),
        ("n_structure_null_byte_outside_string", [0x5B, 0x00, 0x5D], .unexpectedCharacter(found: 0, expected: "a JSON value")),
        ("n_structure_comment", Array("[1] // note".utf8), .trailingContent),
        ("n_structure_form_feed_whitespace", Array("[\u{0C}]".utf8), .unexpectedCharacter(found: 0x0C, expected: "a JSON value")),
        ("n_structure_close_unopened", Array("]".utf8), .unexpectedCharacter(found: UInt8(ascii: "]"), expected: "a JSON value")),
        ("n_structure_BOM_only", [0xEF, 0xBB, 0xBF], .unexpectedEndOfInput),
    ]

    func testAcceptsEveryValidDocument() {
        for (name, text) in Self.accepted {
            XCTAssertNoThrow(try JSONDocument(text), name)
        }
    }

    func testRejectsEveryInvalidDocumentWithTheRightIssue() {
        for (name, bytes, issue) in Self.rejected {
            do {
                let document = try JSONDocument(bytes: bytes)
                XCTFail("\(name) was accepted as \(document.root.kind)")
            } catch let FHIRError.invalidJSON(found, _) {
                XCTAssertEqual(found, issue, name)
            } catch {
                XCTFail("\(name): unexpected error \(error)")
            }
        }
    }

    func testNestingAtTheLimitIsAcceptedAndOneDeeperIsRejected() throws {
        let limit = 64
        let atLimit = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        XCTAssertNoThrow(try JSONDocument(atLimit, maximumDepth: limit))
        let deeper = "[" + atLimit + "]"
        XCTAssertThrowsError(try JSONDocument(deeper, maximumDepth: limit)) { error in
            XCTAssertEqual(error as? FHIRError, .invalidJSON(.nestingTooDeep(limit: limit), at: SourcePosition(offset: limit, line: 1, column: limit + 1)))
        }
    }

    func testHugeNestingIsRejectedWithoutExhaustingTheStack() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        XCTAssertThrowsError(try JSONDocument(bytes: bytes)) { error in
            guard case let .invalidJSON(issue, _)? = error as? FHIRError else { return XCTFail("\(error)") }
            XCTAssertEqual(issue, .nestingTooDeep(limit: JSONDocument.defaultMaximumDepth))
        }
    }

    func testErrorPositionGivesLineAndCharacterColumn() {
        // Line 3 starts with "ä" (two bytes, one character) before the offending comma.
        let text = "{\n  \"a\": 1,\n  \"ä\": [1,]\n}"
        XCTAssertThrowsError(try JSONDocument(text)) { error in
            guard case let .invalidJSON(issue, position)? = error as? FHIRError else { return XCTFail("\(error)") }
            XCTAssertEqual(issue, .trailingComma)
            XCTAssertEqual(position.line, 3)
            XCTAssertEqual(position.column, 11)
            XCTAssertEqual(position.offset, Array(text.utf8).firstIndex(of: UInt8(ascii: "]")))
        }
    }

    func testErrorMessageNamesTheProblemAndThePlace() {
        XCTAssertThrowsError(try JSONDocument("{\"a\": 1 \"b\": 2}")) { error in
            XCTAssertEqual("\(error)", "invalid JSON at line 1, column 9 (byte offset 8): expected ',' or '}' but found '\"'")
        }
    }
}
