/// The rows of an embedded CSV table (RFC 4180 quoting; first line is the header).
struct CSVTable {
    /// Column names of the header line.
    let header: [String]
    /// Data rows, each with one field per header column.
    let rows: [[String]]

    /// Parses `text`; blank lines are skipped. Works on the UTF-8 bytes (all delimiters are ASCII), so the
    /// tables load in a few milliseconds at startup.
    init(_ text: String) {
        var records: [[String]] = []
        var text = text
        text.withUTF8 { bytes in
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var previousWasQuote = false
            func endRecord() {
                fields.append(String(decoding: field, as: UTF8.self))
                if fields.count > 1 || !fields[0].isEmpty { records.append(fields) }
                fields = []
                field.removeAll(keepingCapacity: true)
            }
            for byte in bytes {
                if quoted {
                    if byte == UInt8(ascii: "\"") { quoted = false; previousWasQuote = true; continue }
                    field.append(byte)
                } else if byte == UInt8(ascii: "\"") {
                    if previousWasQuote { field.append(byte) }
                    quoted = true
                } else if byte == UInt8(ascii: ",") {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                } else if byte == UInt8(ascii: "\n") {
                    endRecord()
                } else {
                    field.append(byte)
                }
                previousWasQuote = false
            }
            if !field.isEmpty || !fields.isEmpty { endRecord() }
        }
        header = records.first ?? []
        rows = Array(records.dropFirst())
    }

    /// The index of column `name`; the tables are fixed at build time, so a missing column is a bug
    /// that `EmbeddedTablesTests` catches.
    func column(_ name: String) -> Int {
        guard let index = header.firstIndex(of: name) else {
            preconditionFailure("embedded table lacks column \(name)")
        }
        return index
    }
}
