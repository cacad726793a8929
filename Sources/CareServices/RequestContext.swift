import CareCore

/// Who is asking and from where: what every audited use case needs.
public struct RequestContext: Sendable {
    public let principal: Principal
    public let clientAddress: String
    public let requestID: String

    public init(principal: Principal, clientAddress: String, requestID: String) {
        self.principal = principal
        self.clientAddress = clientAddress
        self.requestID = requestID
    }
}
