/// One resource read from a bundle or NDJSON file, ready to store.
public struct FHIRResource: Sendable {
    /// The FHIR type name, e.g. `Patient` (also for types Tend does not model).
    public let resourceType: String
    /// The resource's own id from the source, kept as its FHIR id.
    public let id: String
    /// The bundle entry's `fullUrl`, if any.
    public let fullURL: String?
    /// Where the resource was in its file.
    public let location: ResourceLocation
    /// The parsed resource, with `urn:uuid:` references already rewritten to `Type/id`.
    public let value: JSONValue
    /// Compact JSON of `value` (what to store): whitespace removed, members in source order,
    /// numbers and string escapes as in the source, references rewritten.
    public let json: [UInt8]

    /// The resource's relative reference, `Type/id`.
    public var reference: String { "\(resourceType)/\(id)" }

    init(resourceType: String, id: String, fullURL: String?, location: ResourceLocation, value: JSONValue) {
        self.resourceType = resourceType
        self.id = id
        self.fullURL = fullURL
        self.location = location
        self.value = value
        self.json = JSONWriter.compact(value)
    }
}
