import CareCore
import FHIR
import Foundation
import Storage

/// Why a FHIR request was refused before it ran; the web layer answers an `OperationOutcome`.
public enum FHIRRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A search parameter the server does not support for this type (answered 400, never ignored).
    case unsupportedParameter(resourceType: String, name: String)
    /// A supported parameter with a value the server cannot use.
    case invalidValue(name: String, value: String, expected: String)
    /// A type that cannot be searched.
    case unsupportedSearch(resourceType: String)

    public var description: String {
        switch self {
        case let .unsupportedParameter(type, name):
            let supported = FHIRSearchParameters.supported[type].map { $0.sorted().joined(separator: ", ") } ?? "none"
            return "unsupported search parameter '\(name)' for \(type) (supported: \(supported), _count)"
        case let .invalidValue(name, value, expected): return "invalid value '\(value)' for \(name): expected \(expected)"
        case let .unsupportedSearch(type): return "search is not supported for \(type) (searchable: \(FHIRSearchParameters.supported.keys.sorted().joined(separator: ", ")))"
        }
    }
}

/// The search parameters Tend answers, parsed from the query into store conditions.
public enum FHIRSearchParameters {
    /// Supported parameters per type (besides `_count` and the paging cursor). The CapabilityStatement lists exactly these.
    public static let supported: [String: Set<String>] = [
        "Patient": ["name", "birthdate", "identifier", "gender"],
        "Condition": ["patient", "code", "clinical-status"],
        "Encounter": ["patient", "class", "date"],
        "Observation": ["patient", "code", "date"],
        "MedicationRequest": ["patient", "status"],
    ]
    /// Page size when `_count` is absent, and the largest accepted.
    public static let defaultCount = 50
    public static let maximumCount = 200

    /// A parsed search: conditions, page size and keyset position.
    public struct Parsed: Sendable, Equatable {
        public var conditions: [FHIRSearchCondition] = []
        public var count = FHIRSearchParameters.defaultCount
        public var after: Int64?
    }

    /// Parses `parameters` (in query order) for `resourceType`. Anything unsupported is an error.
    public static func parse(_ resourceType: String, _ parameters: [(name: String, value: String)]) throws(FHIRRequestError) -> Parsed {
        guard let allowed = supported[resourceType] else { throw .unsupportedSearch(resourceType: resourceType) }
        var parsed = Parsed()
        for (name, value) in parameters {
            switch name {
            case "_count":
                guard let n = Int(value), (1...maximumCount).contains(n) else {
                    throw .invalidValue(name: name, value: value, expected: "a number from 1 to \(maximumCount)")
                }
                parsed.count = n
                continue
            case "_cursor":
                guard let n = Int64(value), n > 0 else { throw .invalidValue(name: name, value: value, expected: "a cursor from a next link") }
                parsed.after = n
                continue
            default:
                break
            }
            guard allowed.contains(name) else { throw .unsupportedParameter(resourceType: resourceType, name: name) }
            guard !value.isEmpty else { throw .invalidValue(name: name, value: value, expected: "a value") }
            guard !value.contains(",") else { throw .invalidValue(name: name, value: value, expected: "one value (lists with ',' are not supported)") }
            parsed.conditions.append(try condition(resourceType, name, value))
        }
        return parsed
    }

    private static func condition(_ type: String, _ name: String, _ value: String) throws(FHIRRequestError) -> FHIRSearchCondition {
        switch name {
        case "patient":
            let id = value.hasPrefix("Patient/") ? String(value.dropFirst(8)) : value
            guard !id.isEmpty, !id.contains("/") else { throw .invalidValue(name: name, value: value, expected: "Patient/{id} or {id}") }
            return .patient(id)
        case "identifier", "code":
            let (system, code) = token(value)
            guard !code.isEmpty else { throw .invalidValue(name: name, value: value, expected: "[system|]code") }
            return .token(param: name, system: system, value: code)
        case "name":
            let words = NameMatching.normalize(value).split(separator: " ").map(String.init)
            guard !words.isEmpty else { throw .invalidValue(name: name, value: value, expected: "letters or digits") }
            return .nameWords(words)
        case "gender":
            guard ["female", "male", "other", "unknown"].contains(value) else {
                throw .invalidValue(name: name, value: value, expected: "female, male, other or unknown")
            }
            return .gender(value)
        case "birthdate":
            let range = try dateRange(name, value)
            return .birthDate(from: range.from.map(dayText), before: range.before.map(dayText))
        case "date":
            let range = try dateRange(name, value)
            return .date(from: range.from, before: range.before)
        case "class":
            return .modeled(column: .classCode, value: token(value).code)
        case "status":
            return .modeled(column: .status, value: value)
        case "clinical-status":
            return .modeled(column: .clinicalStatus, value: token(value).code)
        default:
            throw .unsupportedParameter(resourceType: type, name: name)
        }
    }

    /// `system|code` → (system, code); `|code` → ("", code); `code` → (nil, code).
    static func token(_ value: String) -> (system: String?, code: String) {
        guard let bar = value.firstIndex(of: "|") else { return (nil, value) }
        return (String(value[..<bar]), String(value[value.index(after: bar)...]))
    }

    /// A date parameter with its prefix as a half-open range of seconds since 1970 UTC.
    /// Prefixes: eq (default), ge, gt, le, lt (https://hl7.org/fhir/R4/search.html#prefix).
    static func dateRange(_ name: String, _ value: String) throws(FHIRRequestError) -> (from: Double?, before: Double?) {
        var prefix = "eq"
        var text = value
        if let first = value.first, first.isLetter {
            prefix = String(value.prefix(2))
            text = String(value.dropFirst(2))
        }
        guard let date = FHIRDateTime(text) else {
            throw .invalidValue(name: name, value: value, expected: "[eq|ge|gt|le|lt]YYYY[-MM[-DD[Thh:mm:ss(Z|±hh:mm)]]]")
        }
        let start = date.secondsSince1970
        let end = periodEnd(date)
        switch prefix {
        case "eq": return (start, end)
        case "ge": return (start, nil)
        case "gt": return (end, nil)
        case "le": return (nil, end)
        case "lt": return (nil, start)
        default: throw .invalidValue(name: name, value: value, expected: "a prefix of eq, ge, gt, le or lt")
        }
    }

    /// The first second after the period a partial date stands for.
    static func periodEnd(_ date: FHIRDateTime) -> Double {
        let parts = date.text.prefix(10).split(separator: "-").compactMap { Int($0) }
        switch date.precision {
        case .year: return FHIRDateTime(String(format: "%04d", parts[0] + 1))?.secondsSince1970 ?? date.secondsSince1970
        case .month:
            let (year, month) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
            return FHIRDateTime(String(format: "%04d-%02d", year, month))?.secondsSince1970 ?? date.secondsSince1970
        case .day: return date.secondsSince1970 + 86_400
        case .time: return date.secondsSince1970 + 1
        }
    }

    /// Seconds since 1970 → `YYYY-MM-DD` (UTC), the registry's birth date text.
    static func dayText(_ seconds: Double) -> String {
        let days = Int((seconds / 86_400).rounded(.down))
        // Civil from days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
