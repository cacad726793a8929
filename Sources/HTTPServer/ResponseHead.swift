/// Builds the bytes of a response head in one buffer: status line, the handler's fields
/// (sanitised), and the framing fields the server owns (Content-Length, Date, Connection).
enum ResponseHead {
    /// What the server must know about the request to frame the response.
    struct Context: Sendable {
        var isHead: Bool
        var keepAlive: Bool
        var minorVersion: Int
    }

    /// The head bytes, whether the body follows, and whether the connection closes afterwards.
    static func make(
        _ response: HTTPResponse, context: Context, forceClose: Bool, date: [UInt8]
    ) -> (head: [UInt8], sendBody: Bool, close: Bool) {
        let status = (200...999).contains(response.status) ? response.status : 500
        let handlerCloses = response.headers.values("Connection").contains { listElements($0).contains("close") }
        let close = forceClose || !context.keepAlive || handlerCloses
        // RFC 9110 §6.4.1: 204 and 304 have no content; HEAD gets the GET framing without the body.
        let bodyless = status == 204 || status == 304
        var head: [UInt8] = []
        head.reserveCapacity(128 + response.headers.count * 48)
        appendStatusLine(status, to: &head)
        for field in response.headers where !isServerOwned(field.name) {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(isTokenByte) else { continue }
            head.append(contentsOf: field.name.utf8)
            head.append(contentsOf: [ASCII.colon, ASCII.space])
            // A CR or LF from handler data must never start a new line (response splitting).
            for byte in field.value.utf8 { head.append(isFieldValueByte(byte) ? byte : ASCII.space) }
            head.append(contentsOf: [ASCII.cr, ASCII.lf])
        }
        if !bodyless {
            head.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(response.body.count, to: &head)
            head.append(contentsOf: [ASCII.cr, ASCII.lf])
        }
        if response.headers["Date"] == nil {
            head.append(contentsOf: "Date: ".utf8)
            head.append(contentsOf: date)
            head.append(contentsOf: [ASCII.cr, ASCII.lf])
        }
        if close {
            head.append(contentsOf: "Connection: close\r\n".utf8)
        } else if context.minorVersion == 0 {
            head.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        head.append(contentsOf: [ASCII.cr, ASCII.lf])
        return (head, !bodyless && !context.isHead && !response.body.isEmpty, close)
    }

    /// A whole response for an error the server produced itself: short text, always closing.
    static func error(_ status: Int, message: String, date: [UInt8]) -> [UInt8] {
        let body = Array((message + "\n").utf8)
        let response = HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: body)
        let context = Context(isHead: false, keepAlive: false, minorVersion: 1)
        return make(response, context: context, forceClose: true, date: date).head + body
    }

    /// The interim response to `Expect: 100-continue` (RFC 9110 §10.1.1).
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private static func isServerOwned(_ name: String) -> Bool {
        asciiCaseInsensitiveEqual(name, "Content-Length") || asciiCaseInsensitiveEqual(name, "Transfer-Encoding")
            || asciiCaseInsensitiveEqual(name, "Connection")
    }

    private static func appendStatusLine(_ status: Int, to head: inout [UInt8]) {
        head.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status, to: &head)
        head.append(ASCII.space)
        head.append(contentsOf: reasonPhrase(status).utf8)
        head.append(contentsOf: [ASCII.cr, ASCII.lf])
    }
}

func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
    if value >= 10 { appendDecimal(value / 10, to: &bytes) }
    bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
}

/// Reason phrases of RFC 9110 §15 for the codes an application is likely to send.
func reasonPhrase(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 202: "Accepted"
    case 204: "No Content"
    case 206: "Partial Content"
    case 301: "Moved Permanently"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 307: "Temporary Redirect"
    case 308: "Permanent Redirect"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 406: "Not Acceptable"
    case 408: "Request Timeout"
    case 409: "Conflict"
    case 410: "Gone"
    case 411: "Length Required"
    case 412: "Precondition Failed"
    case 413: "Content Too Large"
    case 414: "URI Too Long"
    case 415: "Unsupported Media Type"
    case 422: "Unprocessable Content"
    case 428: "Precondition Required"
    case 429: "Too Many Requests"
    case 431: "Request Header Fields Too Large"
    case 500: "Internal Server Error"
    case 501: "Not Implemented"
    case 502: "Bad Gateway"
    case 503: "Service Unavailable"
    case 504: "Gateway Timeout"
    case 505: "HTTP Version Not Supported"
    default: ""
    }
}
