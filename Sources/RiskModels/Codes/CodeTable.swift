/// A read-only hash table keyed by a packed code (`ICD10Code.rawValue` or a packed prefix).
///
/// Open addressing with a multiplicative (Fibonacci) hash: one multiply and, almost always, one probe per
/// look-up, where `Dictionary` would run SipHash. Key 0 marks an empty slot (no code packs to 0).
struct CodeTable<Value: Sendable>: Sendable {
    private let keys: [UInt64]
    private let values: [Value?]
    private let shift: UInt64
    private let mask: Int

    /// Builds the table; a later pair with the same key replaces an earlier one.
    init(_ pairs: [(key: UInt64, value: Value)]) {
        var bits: UInt64 = 4
        while (1 << bits) < pairs.count * 2 { bits += 1 }
        let capacity = 1 << Int(bits)
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Value?](repeating: nil, count: capacity)
        shift = 64 - bits
        mask = capacity - 1
        for (key, value) in pairs where key != 0 {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    /// The value stored for `key`, if any.
    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }
}
