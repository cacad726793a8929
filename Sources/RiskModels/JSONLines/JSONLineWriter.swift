/// Writes results as the oracle kit's OUTPUT JSON lines (../shared/tools/oracles/README.md), byte by byte.
///
/// Two ways in: from the explanation values (`HCCScore`, `ComorbidityResult`), and the fast path of the CLI
/// from summaries with pre-rendered names (`HCCLineFormat`, `ComorbidityLineFormat`). Both write the same
/// bytes (tested over ../shared/data/risk-dev).
public enum JSONLineWriter {
    /// Appends `{"id":...,"model":...,"year":...,"segment":...,"hccs":[...],"dropped":[...],"score":...,"terms":{...}}`
    /// and a newline; with `paymentScore`, also `"payment_score"` (an extension; compare.py ignores it).
    public static func append(_ score: HCCScore, paymentScore: Double? = nil, to out: inout ByteBuffer) {
        out.append(#"{"id":"#)
        appendString(score.memberID, to: &out)
        out.append(#","model":""#)
        out.append(Array(score.version.rawValue.utf8))
        out.append(#"","year":"#)
        out.appendDecimal(score.paymentYear)
        out.append(#","segment":""#)
        out.append(Array(score.segment.rawValue.utf8))
        out.append(#"","hccs":["#)
        for (index, finding) in score.hccs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendHCC(finding.hcc.number, to: &out)
        }
        out.append(#"],"dropped":["#)
        for (index, dropped) in score.dropped.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendHCC(dropped.hcc.number, to: &out)
        }
        out.append(#"],"score":"#)
        out.appendThousandths(score.rawScoreThousandths)
        if let paymentScore {
            out.append(#","payment_score":"#)
            out.appendThousandths(Int((paymentScore * 1000).rounded()))
        }
        out.append(#","terms":{"#)
        for (index, term) in score.terms.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(Array(term.name.utf8))
            out.append(#"":"#)
            out.appendThousandths(term.thousandths)
        }
        out.append("}}\n")
    }

    /// Appends `{"id":...,"charlson":{...},"elixhauser":{...}}` and a newline.
    public static func append(_ result: ComorbidityResult, to out: inout ByteBuffer) {
        out.append(#"{"id":"#)
        appendString(result.memberID, to: &out)
        out.append(#","charlson":{"conditions":["#)
        appendNames(result.charlson.conditions.map(\.name), to: &out)
        out.append(#"],"score_charlson1987":"#)
        out.appendDecimal(result.charlson.charlson1987Score)
        out.append(#","score_quan2011":"#)
        out.appendDecimal(result.charlson.quan2011Score)
        out.append(#"},"elixhauser":{"conditions":["#)
        appendNames(result.elixhauser.conditions.map(\.name), to: &out)
        out.append(#"],"score_van_walraven":"#)
        out.appendDecimal(result.elixhauser.vanWalravenScore)
        out.append("}}\n")
    }

    private static func appendNames(_ names: [String], to out: inout ByteBuffer) {
        for (index, name) in names.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(name, to: &out)
        }
    }

    @inline(__always)
    static func appendHCC(_ number: Int, to out: inout ByteBuffer) {
        out.append(#""HCC"#)
        out.appendDecimal(number)
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string; `"`, `\` and control characters escaped, other UTF-8 written as is.
    static func appendString(_ text: String, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(#"\""#)
            case UInt8(ascii: "\\"): out.append(#"\\"#)
            case 0x0A: out.append(#"\n"#)
            case 0x0D: out.append(#"\r"#)
            case 0x09: out.append(#"\t"#)
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                out.append(#"\u00"#)
                out.append(hex.utf8Start[Int(byte >> 4)])
                out.append(hex.utf8Start[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string from UTF-8 bytes, as `appendString(String(decoding: bytes, as: UTF8.self))` writes it;
    /// plain ASCII (the usual id) is copied in one step.
    @inline(__always)
    static func appendString(utf8 bytes: [UInt8], to out: inout ByteBuffer) {
        let plain = bytes.withUnsafeBufferPointer { buffer in
            buffer.allSatisfy { $0 >= 0x20 && $0 < 0x80 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        guard plain else { return appendString(String(decoding: bytes, as: UTF8.self), to: &out) }
        out.append(UInt8(ascii: "\""))
        out.append(bytes)
        out.append(UInt8(ascii: "\""))
    }
}

/// The HCC output line of one model with every constant part and term name pre-rendered.
public struct HCCLineFormat: Sendable {
    /// `","model":"cms-hcc-v28","year":2026,"segment":"CNA","hccs":[` per segment (by `Segment.index`).
    private let heads: [[UInt8]]
    /// `"NAME":` of every term, by rank, in one array; term r is `keys[keyStart[r]..<keyStart[r + 1]]`.
    private let keys: [UInt8]
    private let keyStart: [Int]
    private let catalog: TermCatalog
    /// `"HCC<n>"` for every n, each padded to `hccNameWidth` bytes; its length in `hccNameLength`.
    private let hccNames: [UInt8]
    private let hccNameLength: [UInt8]
    private static let hccNameWidth = 8  // `"HCC511"` is the longest

    /// The format of a model's output.
    public init(model: CMSHCCModel) {
        catalog = model.catalog
        heads = Segment.allCases.map { segment in
            Array(#","model":"\#(model.version.rawValue)","year":\#(model.paymentYear),"segment":"\#(segment.rawValue)","hccs":["#.utf8)
        }
        var keys: [UInt8] = [], keyStart: [Int] = [0]
        for name in model.catalog.names {
            keys += Array("\"\(name)\":".utf8)
            keyStart.append(keys.count)
        }
        self.keys = keys
        self.keyStart = keyStart
        var hccNames: [UInt8] = [], hccNameLength: [UInt8] = []
        for number in 0..<HCCSet.capacity {
            let name = Array("\"HCC\(number)\"".utf8)
            precondition(name.count <= HCCLineFormat.hccNameWidth)
            hccNames += name + [UInt8](repeating: 0, count: HCCLineFormat.hccNameWidth - name.count)
            hccNameLength.append(UInt8(name.count))
        }
        self.hccNames = hccNames
        self.hccNameLength = hccNameLength
    }

    @inline(__always)
    private func appendHCC(_ number: Int, to out: inout ByteBuffer) {
        hccNames.withUnsafeBytes { names in
            let start = number * HCCLineFormat.hccNameWidth
            out.append(UnsafeRawBufferPointer(rebasing: names[start..<start + Int(hccNameLength[number])]))
        }
    }

    /// Appends the line of a summary for the member of `record` (what `JSONLineWriter.append(_:paymentScore:to:)`
    /// writes for the member's `HCCScore`).
    public func append(_ summary: HCCScoreSummary, of record: MemberRecord, paymentScore: Double? = nil,
                       to out: inout ByteBuffer) {
        out.append(#"{"id":"#)
        JSONLineWriter.appendString(utf8: record.idBytes, to: &out)
        out.append(heads[summary.segment.index])
        var first = true
        summary.payment.forEach { number in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendHCC(number, to: &out)
        }
        out.append(#"],"dropped":["#)
        first = true
        summary.dropped.forEach { number in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendHCC(number, to: &out)
        }
        out.append(#"],"score":"#)
        out.appendThousandths(summary.rawScoreThousandths)
        if let paymentScore {
            out.append(#","payment_score":"#)
            out.appendThousandths(Int((paymentScore * 1000).rounded()))
        }
        out.append(#","terms":{"#)
        first = true
        keys.withUnsafeBytes { keys in
            summary.terms.forEach { rank in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                out.append(UnsafeRawBufferPointer(rebasing: keys[keyStart[rank]..<keyStart[rank + 1]]))
                out.appendThousandths(Int(catalog.value(rank, in: summary.segment)))
            }
        }
        out.append("}}\n")
    }
}

/// The comorbidity output line with the category names pre-rendered.
public struct ComorbidityLineFormat: Sendable {
    private let charlson: Names
    private let elixhauser: Names

    /// Quoted names of one index's categories and their output (name) order.
    private struct Names: Sendable {
        /// `"Name"` of category i is `text[start[i]..<start[i + 1]]`.
        let text: [UInt8]
        let start: [Int]
        /// Position of each category in name order.
        let position: [Int]
        /// Category at each position.
        let category: [Int]

        init(_ list: PrefixCodeList) {
            var text: [UInt8] = [], start = [0]
            for name in list.names {
                text += Array("\"\(name)\"".utf8)
                start.append(text.count)
            }
            self.text = text
            self.start = start
            category = list.nameOrder
            var position = [Int](repeating: 0, count: list.names.count)
            for (index, category) in list.nameOrder.enumerated() { position[category] = index }
            self.position = position
        }

        @inline(__always)
        func append(_ present: UInt64, to out: inout ByteBuffer) {
            var ordered: UInt64 = 0
            var remaining = present
            while remaining != 0 {
                ordered |= 1 << UInt64(position[remaining.trailingZeroBitCount])
                remaining &= remaining - 1
            }
            var first = true
            text.withUnsafeBytes { text in
                while ordered != 0 {
                    let index = category[ordered.trailingZeroBitCount]
                    ordered &= ordered - 1
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out.append(UnsafeRawBufferPointer(rebasing: text[start[index]..<start[index + 1]]))
                }
            }
        }
    }

    /// The format for these indexes.
    public init(charlson: CharlsonIndex = .quan2005, elixhauser: ElixhauserIndex = .quan2005) {
        self.charlson = Names(charlson.codeList)
        self.elixhauser = Names(elixhauser.codeList)
    }

    /// Appends the line of a summary for the member of `record` (what `JSONLineWriter.append(_:to:)` writes
    /// for the member's `ComorbidityResult`).
    public func append(_ summary: ComorbiditySummary, of record: MemberRecord, to out: inout ByteBuffer) {
        out.append(#"{"id":"#)
        JSONLineWriter.appendString(utf8: record.idBytes, to: &out)
        out.append(#","charlson":{"conditions":["#)
        charlson.append(summary.charlsonPresent, to: &out)
        out.append(#"],"score_charlson1987":"#)
        out.appendDecimal(summary.charlson1987Score)
        out.append(#","score_quan2011":"#)
        out.appendDecimal(summary.quan2011Score)
        out.append(#"},"elixhauser":{"conditions":["#)
        elixhauser.append(summary.elixhauserPresent, to: &out)
        out.append(#"],"score_van_walraven":"#)
        out.appendDecimal(summary.vanWalravenScore)
        out.append("}}\n")
    }
}

extension ByteBuffer {
    /// `d.ddd` with trailing fraction zeros dropped (but one kept), for 0 ≤ magnitude < 10000.
    @inline(__always)
    private mutating func appendShortThousandths(_ magnitude: Int) {
        let fraction = magnitude % 1000
        let tenths = fraction / 100, hundredths = fraction / 10 % 10, thousandths = fraction % 10
        let length = thousandths != 0 ? 5 : hundredths != 0 ? 4 : 3
        reserve(5)
        withUnsafeSpareCapacity(length) { spare in
            spare[0] = UInt8(ascii: "0") + UInt8(magnitude / 1000)
            spare[1] = UInt8(ascii: ".")
            spare[2] = UInt8(ascii: "0") + UInt8(tenths)
            if length > 3 { spare[3] = UInt8(ascii: "0") + UInt8(hundredths) }
            if length > 4 { spare[4] = UInt8(ascii: "0") + UInt8(thousandths) }
        }
    }

    /// Appends a whole number in decimal.
    @inline(__always)
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits = 1
        var probe = magnitude
        while probe >= 10 { probe /= 10; digits += 1 }
        reserve(digits)
        withUnsafeSpareCapacity(digits) { spare in
            var position = digits
            repeat {
                position -= 1
                spare[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
        }
    }

    /// A number of thousandths as Python prints `round(x, 3)`: `4.98`, `1.0`, `0.0`, `-0.05`.
    @inline(__always)
    mutating func appendThousandths(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        let magnitude = Int(value.magnitude)
        if magnitude < 10_000 {  // almost every coefficient and score: one integer digit, stored at once below
            appendShortThousandths(magnitude)
            return
        }
        appendDecimal(magnitude / 1000)
        append(UInt8(ascii: "."))
        let fraction = magnitude % 1000
        if fraction % 100 == 0 {
            append(UInt8(ascii: "0") + UInt8(fraction / 100))
        } else if fraction % 10 == 0 {
            append(UInt8(ascii: "0") + UInt8(fraction / 100))
            append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        } else {
            append(UInt8(ascii: "0") + UInt8(fraction / 100))
            append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
            append(UInt8(ascii: "0") + UInt8(fraction % 10))
        }
    }
}
