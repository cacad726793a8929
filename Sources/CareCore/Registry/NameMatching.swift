import Foundation

/// How names are compared for search and duplicate warnings: case, accents and punctuation ignored.
public enum NameMatching {
    /// "José O'Brien-Smith" → "jose obriensmith".
    public static func normalize(_ name: String) -> String {
        name.utf8.allSatisfy({ $0 < 0x80 }) ? normalizeASCII(name) : normalizeFolding(name)
    }

    /// `normalize` for any text, through Foundation's case and diacritic folding.
    static func normalizeFolding(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out = ""
        var lastWasSpace = true
        for scalar in folded.unicodeScalars {
            if alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if whitespaces.contains(scalar), !lastWasSpace {
                out.append(" ")
                lastWasSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    // Kept: on Linux each `CharacterSet.alphanumerics` access builds a new set.
    private static let alphanumerics = CharacterSet.alphanumerics
    private static let whitespaces = CharacterSet.whitespaces

    /// `normalize` for ASCII text (most names), without Foundation's folding: letters lower-cased,
    /// digits kept, runs of spaces and tabs made one space, everything else dropped.
    static func normalizeASCII(_ name: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        var lastWasSpace = true
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
                lastWasSpace = false
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                out.append(byte + 32)
                lastWasSpace = false
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if !lastWasSpace { out.append(UInt8(ascii: " ")) }
                lastWasSpace = true
            default: break
            }
        }
        if out.last == UInt8(ascii: " ") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    /// Jaro–Winkler similarity in 0...1 (Winkler 1990, prefix scale 0.1, prefix up to 4).
    public static func similarity(_ a: String, _ b: String) -> Double {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if s.isEmpty && t.isEmpty { return 1 }
        if s.isEmpty || t.isEmpty { return 0 }
        let window = max(0, max(s.count, t.count) / 2 - 1)
        var sMatched = [Bool](repeating: false, count: s.count)
        var tMatched = [Bool](repeating: false, count: t.count)
        var matches = 0
        for i in s.indices {
            let lo = max(0, i - window), hi = min(t.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !tMatched[j] && s[i] == t[j] {
                sMatched[i] = true
                tMatched[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0, k = 0
        for i in s.indices where sMatched[i] {
            while !tMatched[k] { k += 1 }
            if s[i] != t[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(s.count) + m / Double(t.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, s.count, t.count) && s[prefix] == t[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }
}

/// A patient already in the registry that looks like the one being created.
public struct DuplicateCandidate: Sendable, Equatable {
    public let patientID: String
    public let name: String
    public let birthDate: LocalDate
    public let reason: String
    /// Set when the candidate holds one of the new patient's identifiers (a conflict, not just a warning).
    public let sharedIdentifier: PatientIdentifier?

    public init(patientID: String, name: String, birthDate: LocalDate, reason: String, sharedIdentifier: PatientIdentifier? = nil) {
        self.patientID = patientID
        self.name = name
        self.birthDate = birthDate
        self.reason = reason
        self.sharedIdentifier = sharedIdentifier
    }
}

/// The rule for "likely the same person": the same identifier, or the same birth date and a similar
/// name (family names at least 0.88 Jaro–Winkler-similar and given names similar or sharing an initial,
/// also with given and family swapped).
public enum DuplicateRule {
    public static let nameThreshold = 0.88

    /// Whether two people with the same birth date have names similar enough to warn.
    public static func namesLookAlike(given1: String, family1: String, given2: String, family2: String) -> Bool {
        let g1 = NameMatching.normalize(given1), f1 = NameMatching.normalize(family1)
        let g2 = NameMatching.normalize(given2), f2 = NameMatching.normalize(family2)
        func close(_ ga: String, _ fa: String, _ gb: String, _ fb: String) -> Bool {
            guard NameMatching.similarity(fa, fb) >= nameThreshold else { return false }
            return NameMatching.similarity(ga, gb) >= nameThreshold || (ga.first != nil && ga.first == gb.first)
        }
        return close(g1, f1, g2, f2) || close(g1, f1, f2, g2)
    }
}
