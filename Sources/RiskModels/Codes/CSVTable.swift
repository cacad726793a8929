/// The rows of an embedded CSV table (RFC 4180 quoting; first line is the header).
struct CSVTable {
    /// Column names of the header line.
    let header: [String]
    /// Data rows, each with one field per header column.
    let rows: [[String]]

    /// Parses `text`; blank lines are skipped.
    init(_ text: String) {
        var records: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var fields: [String] = []
            var field = ""
            var quoted = false
            var previousWasQuote = false
            for character in line {
                if quoted {
                    if character == "\"" { quoted = false; previousWasQuote = true; continue }
                    field.append(character)
                } else if character == "\"" {
                    if previousWasQuote { field.append("\"") }
                    quoted = true
                } else if character == "," {
                    fields.append(field); field = ""
                } else {
                    field.append(character)
                }
                previousWasQuote = false
            }
            fields.append(field)
            records.append(fields)
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
