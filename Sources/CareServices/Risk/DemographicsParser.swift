import FHIR
import Foundation
import RiskModels

/// Reads what the members import (`tend import members`, `MemberFile.swift`) put in FHIR for the risk
/// models: the payer's age (Patient extension `member-age`) and the CMS-HCC segment, original reason for
/// entitlement and Medicaid status (Coverage `type` coding `urn:tend:cms-hcc-segment` and extensions).
/// Resources without those markers (e.g. Synthea's) are not parsed at all.
enum DemographicsParser {
    static let extensionBase = "https://tend.example/fhir/StructureDefinition/"
    static let segmentSystem = "urn:tend:cms-hcc-segment"

    /// The Patient's `member-age` extension, when present, replaces the age from the birth date.
    /// `content` is read in place; it is parsed as a whole only when it is not in the members import's shape.
    /// Returns whether it was read in place.
    @discardableResult
    static func patient(_ content: UnsafeBufferPointer<UInt8>, into member: inout PopulationMember) -> Bool {
        if var tail = Tail(content, from: lastIndex(of: memberAgeTail, in: content), keys: [extensionKey]) {
            // `,"extension":[{"url":"…member-age","valueInteger":N}]}` ending the document: the root's only
            // extension (see `Tail`).
            if tail.skip(memberAgeTail), let age = tail.digits(), tail.skip(closing), tail.atEnd {
                if (0...130).contains(age) {
                    member.age = age
                    member.ageFromPayer = true
                }
                return true
            }
        }
        patient(Array(content), into: &member)
        return false
    }

    static func patient(_ content: [UInt8], into member: inout PopulationMember) {
        guard contains(content, "member-age"), let root = try? JSONDocument(bytes: content).root else { return }
        for ext in root["extension"]?.elements ?? [] where ext["url"]?.string == extensionBase + "member-age" {
            if let age = ext["valueInteger"]?.int, (0...130).contains(age) {
                member.age = age
                member.ageFromPayer = true
            }
        }
    }

    /// Segment, OREC and Medicaid from a members-import Coverage, read in place when the document ends as
    /// the members import writes it, else parsed as a whole.
    /// Returns whether it was read in place.
    @discardableResult
    static func coverage(_ content: UnsafeBufferPointer<UInt8>, into member: inout PopulationMember) -> Bool {
        if var tail = Tail(content, from: lastIndex(of: coverageTail[0], in: content), keys: [typeKey, extensionKey]) {
            if tail.skip(coverageTail[0]), let segment = tail.plainString(), tail.skip(coverageTail[1]), let reason = tail.plainString(),
               tail.skip(coverageTail[2]), let medicaid = tail.bool(), tail.skip(closing), tail.atEnd {
                member.coverageSegment = segment
                if let reason = OriginalReasonForEntitlement(rawValue: reason) { member.originalReason = reason }
                member.medicaid = medicaid
                return true
            }
        }
        coverage(Array(content), into: &member)
        return false
    }

    static func coverage(_ content: [UInt8], into member: inout PopulationMember) {
        guard contains(content, segmentSystem), let root = try? JSONDocument(bytes: content).root else { return }
        for coding in root["type"]?["coding"]?.elements ?? [] where coding["system"]?.string == segmentSystem {
            member.coverageSegment = coding["code"]?.string
        }
        for ext in root["extension"]?.elements ?? [] {
            let url = ext["url"]?.string ?? ""
            if url == extensionBase + "original-reason-for-entitlement" {
                if let code = ext["valueCode"]?.string, let reason = OriginalReasonForEntitlement(rawValue: code) { member.originalReason = reason }
            } else if url == extensionBase + "medicaid-dual" {
                member.medicaid = ext["valueBoolean"]?.bool ?? false
            }
        }
    }

    /// The segment: the Coverage's when Tend models it, otherwise community non-dual, aged (65 and over)
    /// or disabled by age. The explanation says which.
    static func finish(_ member: inout PopulationMember) {
        if let code = member.coverageSegment, let segment = Segment(rawValue: code) {
            member.segment = segment
        } else {
            member.segment = member.age >= 65 ? .communityNonDualAged : .communityNonDualDisabled
        }
    }

    // The end of the documents `MemberFile.swift` writes. Each starts with `,"` right after a value, so its
    // quotes are structural (inside a JSON string every quote is escaped), and the document ends with
    // `]}` closing the root: the matched `"extension"` (and the `"type"` before it) are keys of the root
    // object and the array holds exactly the matched elements. A valid document that ends this way, and
    // has those keys nowhere before (the parser reads the first of duplicate keys), therefore says what
    // the full parse would; any other is parsed whole.
    static let memberAgeTail = Array(#","extension":[{"url":"\#(extensionBase)member-age","valueInteger":"#.utf8)
    static let coverageTail = [
        Array(#","type":{"coding":[{"system":"\#(segmentSystem)","code":""#.utf8),
        Array(#"}]},"extension":[{"url":"\#(extensionBase)original-reason-for-entitlement","valueCode":""#.utf8),
        Array(#"},{"url":"\#(extensionBase)medicaid-dual","valueBoolean":"#.utf8),
    ]
    static let closing = Array("}]}".utf8)
    static let extensionKey = Array(#""extension":"#.utf8)
    static let typeKey = Array(#""type":"#.utf8)

    /// A forward reader over the end of a document, from `start`.
    struct Tail {
        let bytes: UnsafeBufferPointer<UInt8>
        var index: Int

        /// Nil unless `start` is given and none of `keys` occurs before it.
        init?(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int?, keys: [[UInt8]]) {
            guard let start else { return nil }
            for key in keys where DemographicsParser.firstIndex(of: key, in: bytes, before: start) != nil { return nil }
            self.bytes = bytes
            index = start
        }

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ literal: [UInt8]) -> Bool {
            guard bytes.count - index >= literal.count else { return false }
            for (offset, byte) in literal.enumerated() where bytes[index + offset] != byte { return false }
            index += literal.count
            return true
        }

        /// 1 to 3 digits.
        mutating func digits() -> Int? {
            var value = 0
            let start = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, index - start < 3 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
            }
            return index > start && (index == bytes.count || bytes[index] < 48 || bytes[index] > 57) ? value : nil
        }

        /// The text of a string up to its closing quote (consumed), when it has no escape or control character.
        mutating func plainString() -> String? {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            return text
        }

        mutating func bool() -> Bool? {
            if skip(Array("true".utf8)) { return true }
            if skip(Array("false".utf8)) { return false }
            return nil
        }
    }

    /// Where `needle` first starts in `haystack`, if it starts before `end`.
    static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        guard let first = needle.first else { return nil }
        var index = 0
        while index < end && index + needle.count <= haystack.count {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// Where `needle` last starts in `haystack`.
    static func lastIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = haystack.count - needle.count
        while index >= 0 {
            if haystack[index] == first {
                var offset = 1
                while offset < needle.count && haystack[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index -= 1
        }
        return nil
    }

    /// Whether `needle` occurs in `haystack` (a cheap test before parsing).
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first, haystack.count >= n.count else { return false }
        var index = 0
        let last = haystack.count - n.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + n.count)].elementsEqual(n) { return true }
            index += 1
        }
        return false
    }
}
