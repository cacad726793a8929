/// Writes results as the oracle kit's OUTPUT JSON lines (../shared/tools/oracles/README.md), byte by byte.
public enum JSONLineWriter {
    /// Appends `{"id":...,"model":...,"year":...,"segment":...,"hccs":[...],"dropped":[...],"score":...,"terms":{...}}`
    /// and a newline; with `paymentScore`, also `"payment_score"` (an extension; compare.py ignores it).
    public static func append(_ score: HCCScore, paymentScore: Double? = nil, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        appendString(score.memberID, to: &out)
        out.append(contentsOf: #","model":""#.utf8)
        out.append(contentsOf: score.version.rawValue.utf8)
        out.append(contentsOf: #"","year":"#.utf8)
        appendInteger(score.paymentYear, to: &out)
        out.append(contentsOf: #","segment":""#.utf8)
        out.append(contentsOf: score.segment.rawValue.utf8)
        out.append(contentsOf: #"","hccs":["#.utf8)
        for (index, finding) in score.hccs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendHCC(finding.hcc, to: &out)
        }
        out.append(contentsOf: #"],"dropped":["#.utf8)
        for (index, dropped) in score.dropped.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendHCC(dropped.hcc, to: &out)
        }
        out.append(contentsOf: #"],"score":"#.utf8)
        appendThousandths(score.rawScoreThousandths, to: &out)
        if let paymentScore {
            out.append(contentsOf: #","payment_score":"#.utf8)
            appendThousandths(Int((paymentScore * 1000).rounded()), to: &out)
        }
        out.append(contentsOf: #","terms":{"#.utf8)
        for (index, term) in score.terms.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: term.name.utf8)
            out.append(contentsOf: #"":"#.utf8)
            appendThousandths(term.thousandths, to: &out)
        }
        out.append(contentsOf: "}}\n".utf8)
    }

    /// Appends `{"id":...,"charlson":{...},"elixhauser":{...}}` and a newline.
    public static func append(_ result: ComorbidityResult, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"id":"#.utf8)
        appendString(result.memberID, to: &out)
        out.append(contentsOf: #","charlson":{"conditions":["#.utf8)
        appendNames(result.charlson.conditions.map(\.name), to: &out)
        out.append(contentsOf: #"],"score_charlson1987":"#.utf8)
        appendInteger(result.charlson.charlson1987Score, to: &out)
        out.append(contentsOf: #","score_quan2011":"#.utf8)
        appendInteger(result.charlson.quan2011Score, to: &out)
        out.append(contentsOf: #"},"elixhauser":{"conditions":["#.utf8)
        appendNames(result.elixhauser.conditions.map(\.name), to: &out)
        out.append(contentsOf: #"],"score_van_walraven":"#.utf8)
        appendInteger(result.elixhauser.vanWalravenScore, to: &out)
        out.append(contentsOf: "}}\n".utf8)
    }

    private static func appendNames(_ names: [String], to out: inout [UInt8]) {
        for (index, name) in names.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(name, to: &out)
        }
    }

    private static func appendHCC(_ hcc: HCC, to out: inout [UInt8]) {
        out.append(contentsOf: #""HCC"#.utf8)
        appendInteger(hcc.number, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string; `"`, `\` and control characters escaped, other UTF-8 written as is.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// A number of thousandths as Python prints `round(x, 3)`: `4.98`, `1.0`, `0.0`, `-0.05`.
    static func appendThousandths(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = Int(value.magnitude)
        appendInteger(magnitude / 1000, to: &out)
        out.append(UInt8(ascii: "."))
        var fraction = magnitude % 1000
        var width = 3
        while width > 1 && fraction % 10 == 0 { fraction /= 10; width -= 1 }
        if width == 3 && fraction < 100 { out.append(UInt8(ascii: "0")) }
        if width >= 2 && fraction < 10 { out.append(UInt8(ascii: "0")) }
        appendInteger(fraction, to: &out)
    }
}
