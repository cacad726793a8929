/// A complete request as a handler sees it: head parsed, body de-chunked.
public struct HTTPRequest: Sendable {
    /// The method token, e.g. "GET".
    public let method: String
    /// The request-target exactly as received.
    public let target: String
    /// The target before '?', not percent-decoded (for absolute-form, the path part after the authority).
    public let path: String
    /// The target after '?', or "" if none.
    public let query: String
    /// The header fields in received order.
    public let headers: HTTPHeaders
    /// The body, de-chunked; empty if none.
    public let body: [UInt8]
    /// The peer IP address, e.g. "127.0.0.1".
    public let remoteAddress: String
    /// An identifier unique to this request, for logs and audit.
    public let requestID: String

    /// Creates a request, e.g. to call a handler in-process in tests.
    public init(
        method: String, target: String, headers: HTTPHeaders = [:], body: [UInt8] = [],
        remoteAddress: String = "127.0.0.1", requestID: String? = nil
    ) {
        self.method = method
        self.target = target
        let (path, query) = splitTarget(target)
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.requestID = requestID ?? RequestIDGenerator.shared.next()
    }
}

/// Splits a request-target into path and query; absolute-form drops scheme and authority.
func splitTarget(_ target: String) -> (path: String, query: String) {
    let bytes = Array(target.utf8)
    var start = 0
    if let schemeEnd = absoluteFormSchemeEnd(bytes) {
        start = bytes[schemeEnd...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? bytes.count
    }
    let questionMark = bytes[start...].firstIndex(of: UInt8(ascii: "?"))
    let pathEnd = questionMark ?? bytes.count
    let path = pathEnd > start ? String(decoding: bytes[start..<pathEnd], as: UTF8.self) : "/"
    let query = questionMark.map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) } ?? ""
    return (path, query)
}

/// The index just past "http://" or "https://" (any case) at the start of `bytes`, if present.
func absoluteFormSchemeEnd(_ bytes: [UInt8]) -> Int? {
    for scheme in ["http://", "https://"] {
        let s = Array(scheme.utf8)
        if bytes.count >= s.count, zip(bytes, s).allSatisfy({ asciiLower($0) == $1 }) { return s.count }
    }
    return nil
}
