/// One invalid field of an input, with a message a person can act on.
public struct FieldError: Sendable, Equatable, Error, CustomStringConvertible {
    /// The field's name as the JSON API and the forms spell it (`birthDate`, `address.postalCode`, `identifiers[1].value`).
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// All the invalid fields of one input, in the order the form shows them.
public struct ValidationFailure: Error, Sendable, Equatable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    /// The message for one field, if that field is invalid.
    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}
