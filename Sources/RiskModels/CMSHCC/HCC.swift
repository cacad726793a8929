/// A CMS-HCC hierarchical condition category, e.g. HCC37 (Diabetes with Chronic Complications, V28).
public struct HCC: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The category number as CMS prints it after "HCC".
    public let number: Int

    /// Largest category number any supported model uses is 463 (V28); sets hold 0..<512.
    static let capacity = 512

    /// Wraps a category number (0..<512).
    public init(_ number: Int) {
        precondition(number >= 0 && number < HCC.capacity, "HCC number out of range: \(number)")
        self.number = number
    }

    /// Parses `HCC37` or `37`.
    init?(name: String) {
        let digits = name.hasPrefix("HCC") ? String(name.dropFirst(3)) : name
        guard let number = Int(digits), number >= 0, number < HCC.capacity else { return nil }
        self.number = number
    }

    /// `HCC<n>`, the name used in the output and in the coefficient tables.
    public var description: String { "HCC\(number)" }

    /// Numeric order, as CMS lists them.
    public static func < (lhs: HCC, rhs: HCC) -> Bool { lhs.number < rhs.number }
}

/// A set of HCCs as a 512-bit mask: hierarchies and interaction groups become a few word operations.
struct HCCSet: Equatable, Sendable {
    private(set) var words = SIMD8<UInt64>(repeating: 0)

    /// Largest member + 1.
    static let capacity = 512

    init() {}

    init<S: Sequence>(_ numbers: S) where S.Element == Int {
        for number in numbers { insert(number) }
    }

    var isEmpty: Bool { HCCSet.anyBit(words) == 0 }

    /// The OR of the eight words (SIMD8's `==` compiles to slow lane-by-lane code on x86-64).
    @inline(__always)
    private static func anyBit(_ words: SIMD8<UInt64>) -> UInt64 {
        let quarters = words.lowHalf | words.highHalf
        let halves = quarters.lowHalf | quarters.highHalf
        return halves[0] | halves[1]
    }

    var count: Int {
        var total = 0
        for index in 0..<8 { total += words[index].nonzeroBitCount }
        return total
    }

    func contains(_ number: Int) -> Bool { words[number >> 6] & (1 << UInt64(number & 63)) != 0 }

    mutating func insert(_ number: Int) { words[number >> 6] |= 1 << UInt64(number & 63) }

    mutating func remove(_ number: Int) { words[number >> 6] &= ~(1 << UInt64(number & 63)) }

    func intersects(_ other: HCCSet) -> Bool { HCCSet.anyBit(words & other.words) != 0 }

    func union(_ other: HCCSet) -> HCCSet { var result = self; result.words |= other.words; return result }

    func intersection(_ other: HCCSet) -> HCCSet { var result = self; result.words &= other.words; return result }

    func subtracting(_ other: HCCSet) -> HCCSet { var result = self; result.words &= ~other.words; return result }

    /// Calls `body` with each member in increasing order.
    @inline(__always)
    func forEach(_ body: (Int) -> Void) {
        for index in 0..<8 {
            var word = words[index]
            while word != 0 {
                body(index * 64 + word.trailingZeroBitCount)
                word &= word - 1
            }
        }
    }

    /// Members in increasing order.
    var numbers: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        for index in 0..<8 {
            var word = words[index]
            while word != 0 {
                result.append(index * 64 + word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        return result
    }
}
