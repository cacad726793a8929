/// What a handler returns; the server adds Content-Length, Date and Connection itself.
public struct HTTPResponse: Sendable {
    /// The final status code, 200...999 (anything else, 1xx included, is sent as 500).
    public var status: Int
    /// Header fields to send; Content-Length and Transfer-Encoding set here are replaced by the server.
    public var headers: HTTPHeaders
    /// The body; not sent for HEAD requests or for statuses that have none (1xx, 204, 304).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int = 200, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A request handler: synchronous, runs on a worker thread, may block.
public typealias HTTPHandler = @Sendable (HTTPRequest) -> HTTPResponse
