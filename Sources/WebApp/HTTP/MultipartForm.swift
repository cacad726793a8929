/// A decoded `multipart/form-data` body (RFC 7578): named parts, each with its bytes and, for a
/// file, its file name. Strict: a body that does not follow the boundary framing decodes to nil.
struct MultipartForm {
    struct Part {
        let name: String
        let fileName: String?
        let body: ArraySlice<UInt8>
    }

    let parts: [Part]

    /// The first part called `name`.
    subscript(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// Decodes `body` sent with `contentType` (which carries the boundary).
    init?(contentType: String, body: [UInt8]) {
        guard contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundaryRange = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[boundaryRange.upperBound...])
        if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
        boundary = boundary.trimmingCharacters(in: ["\""])
        guard !boundary.isEmpty, boundary.utf8.count <= 70 else { return nil }
        let delimiter = Array(("--" + boundary).utf8)
        var positions: [Int] = []
        var searchFrom = 0
        while let found = Self.find(delimiter, in: body, from: searchFrom) {
            positions.append(found)
            searchFrom = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            // Each part: CRLF, headers, CRLF CRLF, body, CRLF before the next delimiter.
            let partStart = start + delimiter.count + 2
            let partEnd = end - 2
            guard partStart <= partEnd, let headerEnd = Self.find([13, 10, 13, 10], in: body, from: partStart), headerEnd + 4 <= partEnd else { return nil }
            let headers = String(decoding: body[partStart..<headerEnd], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }),
                  let name = Self.parameter("name", in: disposition) else { return nil }
            parts.append(Part(name: name, fileName: Self.parameter("filename", in: disposition), body: body[(headerEnd + 4)..<partEnd]))
        }
        self.parts = parts
    }

    private static func parameter(_ key: String, in header: Substring) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingSpaces
            guard trimmed.hasPrefix(key + "=\"") , trimmed.hasSuffix("\""), trimmed.count >= key.count + 3 else { continue }
            return String(trimmed.dropFirst(key.count + 2).dropLast())
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
