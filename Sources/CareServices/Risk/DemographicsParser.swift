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
    static func patient(_ content: [UInt8], into member: inout PopulationMember) {
        guard contains(content, "member-age"), let root = try? JSONDocument(bytes: content).root else { return }
        for ext in root["extension"]?.elements ?? [] where ext["url"]?.string == extensionBase + "member-age" {
            if let age = ext["valueInteger"]?.int, (0...130).contains(age) {
                member.age = age
                member.ageFromPayer = true
            }
        }
    }

    /// Segment, OREC and Medicaid from a members-import Coverage.
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
