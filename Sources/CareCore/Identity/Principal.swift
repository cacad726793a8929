/// The authenticated person behind a request: who they are, in which organization, in which role.
public struct Principal: Sendable, Equatable {
    public let userID: Int64
    public let username: String
    public let displayName: String
    public let organizationID: Int64
    public let role: Role

    public init(userID: Int64, username: String, displayName: String, organizationID: Int64, role: Role) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.organizationID = organizationID
        self.role = role
    }
}
