import HTTPServer

extension HTTPRequest {
    /// The value of one cookie from the `Cookie` header(s).
    func cookie(_ name: String) -> String? {
        for header in headers.values("Cookie") {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces == name { return String(pair[1].trimmingSpaces) }
            }
        }
        return nil
    }

    /// The query string, decoded.
    var queryItems: FormData { FormData(query) }

    /// The body decoded as a form.
    var form: FormData { FormData(bytes: body) }

    /// Path segments without empty ones: "/patients/abc/edit" → ["patients", "abc", "edit"].
    var segments: [String] { path.split(separator: "/").map { FormData.decode($0) } }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
