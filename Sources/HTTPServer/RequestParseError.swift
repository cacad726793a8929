/// Why a request was refused. Every case is answered with `status` and the connection is closed,
/// because after a framing doubt no later byte on the connection can be trusted.
enum RequestParseError: Error, Equatable, Sendable {
    case requestLineTooLong
    case headersTooLarge
    case bodyTooLarge
    case malformedRequestLine
    case invalidMethod
    case invalidTarget
    case unsupportedVersion
    case bareLineFeed
    case controlCharacter
    case invalidHeaderName
    case whitespaceBeforeColon
    case obsoleteLineFolding
    case missingHost
    case repeatedHost
    case invalidHost
    case contentLengthWithTransferEncoding
    case repeatedContentLength
    case invalidContentLength
    case transferEncodingInHTTP10
    case chunkedNotFinal
    case unsupportedTransferCoding
    case invalidChunkSize
    case invalidChunkData
    case invalidTrailer

    /// The status code sent back.
    var status: Int {
        switch self {
        case .requestLineTooLong: 414
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .unsupportedVersion: 505
        case .unsupportedTransferCoding: 501
        default: 400
        }
    }

    /// The short text/plain body sent back.
    var message: String {
        switch self {
        case .requestLineTooLong: "request line too long"
        case .headersTooLarge: "header block too large"
        case .bodyTooLarge: "body too large"
        case .malformedRequestLine: "malformed request line"
        case .invalidMethod: "invalid method"
        case .invalidTarget: "invalid request target"
        case .unsupportedVersion: "HTTP version not supported"
        case .bareLineFeed: "line not terminated by CRLF"
        case .controlCharacter: "control character in head"
        case .invalidHeaderName: "invalid header field"
        case .whitespaceBeforeColon: "whitespace between header name and colon"
        case .obsoleteLineFolding: "obsolete line folding"
        case .missingHost: "missing Host"
        case .repeatedHost: "more than one Host"
        case .invalidHost: "invalid Host"
        case .contentLengthWithTransferEncoding: "both Content-Length and Transfer-Encoding"
        case .repeatedContentLength: "repeated Content-Length"
        case .invalidContentLength: "invalid Content-Length"
        case .transferEncodingInHTTP10: "Transfer-Encoding in HTTP/1.0"
        case .chunkedNotFinal: "chunked is not the final transfer coding"
        case .unsupportedTransferCoding: "unsupported transfer coding"
        case .invalidChunkSize: "invalid chunk size"
        case .invalidChunkData: "chunk data not followed by CRLF"
        case .invalidTrailer: "invalid trailer field"
        }
    }
}
