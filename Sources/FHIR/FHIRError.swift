/// Where a resource sits in its source file.
public enum ResourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Zero-based index into `Bundle.entry`, as FHIRPath writes it (`Bundle.entry[3]`).
    case bundleEntry(Int)
    /// One-based line of an NDJSON file.
    case ndjsonLine(Int)

    public var description: String {
        switch self {
        case let .bundleEntry(index): return "Bundle.entry[\(index)]"
        case let .ndjsonLine(line): return "line \(line)"
        }
    }
}

/// Everything that can make the FHIR module reject its input. The caller adds the file name.
///
/// Each case carries what a person needs to find and fix the problem: the position in the file,
/// the entry or line, the offending value. `description` is a one-line message for the CLI.
public enum FHIRError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The bytes are not valid JSON (this includes non-UTF-8 bytes and truncated files).
    case invalidJSON(JSONSyntaxIssue, at: SourcePosition)
    /// A value that must be a JSON object (a bundle, an entry, a resource) is something else.
    case notAnObject(what: String, location: ResourceLocation?)
    /// The top-level `resourceType` is not `Bundle` (`nil` when missing or not a string).
    case notABundle(foundResourceType: String?)
    /// `Bundle.type` is missing or not one the importer reads.
    case unsupportedBundleType(String?)
    /// `Bundle.entry` is present but not an array.
    case entriesNotAnArray
    /// A bundle entry without a `resource` (for example a bare DELETE request).
    case entryWithoutResource(entry: Int, fullURL: String?)
    /// A resource without a string `resourceType`.
    case missingResourceType(ResourceLocation)
    /// A `resourceType` that is not a FHIR type name (`[A-Z][A-Za-z]*`).
    case invalidResourceType(String, ResourceLocation)
    /// A resource without a string `id`.
    case missingResourceID(resourceType: String, ResourceLocation)
    /// An `id` outside the FHIR id grammar `[A-Za-z0-9\-\.]{1,64}`.
    case invalidResourceID(String, resourceType: String, ResourceLocation)
    /// Two entries share a `fullUrl`, so references to it would be ambiguous.
    case duplicateFullURL(String, entry: Int, firstEntry: Int)
    /// Two resources in one file have the same type and id.
    case duplicateResource(reference: String, ResourceLocation, first: ResourceLocation)
    /// A `urn:` reference that no entry's `fullUrl` carries.
    case unresolvedReference(String, in: ResourceLocation, resourceType: String, id: String, at: SourcePosition)
    /// A modeled element whose value breaks its FHIR datatype (for example a malformed dateTime).
    case invalidElement(path: String, value: String, expected: String, resourceType: String, id: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidJSON(issue, position):
            return "invalid JSON at \(position): \(issue)"
        case let .notAnObject(what, location):
            return "\(what)\(location.map { " at \($0)" } ?? "") is not a JSON object"
        case let .notABundle(found):
            return "not a FHIR Bundle: resourceType is \(found.map { "\"\($0)\"" } ?? "missing")"
        case let .unsupportedBundleType(type):
            return "unsupported Bundle.type \(type.map { "\"\($0)\"" } ?? "(missing)"); expected transaction, batch, collection or searchset"
        case .entriesNotAnArray:
            return "Bundle.entry is not an array"
        case let .entryWithoutResource(entry, fullURL):
            return "Bundle.entry[\(entry)]\(fullURL.map { " (fullUrl \($0))" } ?? "") has no resource"
        case let .missingResourceType(location):
            return "resource at \(location) has no resourceType"
        case let .invalidResourceType(type, location):
            return "resource at \(location) has an invalid resourceType \"\(type)\""
        case let .missingResourceID(type, location):
            return "\(type) at \(location) has no id"
        case let .invalidResourceID(id, type, location):
            return "\(type) at \(location) has an invalid id \"\(id)\" (FHIR ids are 1-64 of A-Z a-z 0-9 - .)"
        case let .duplicateFullURL(url, entry, first):
            return "Bundle.entry[\(entry)] repeats fullUrl \(url) of Bundle.entry[\(first)]"
        case let .duplicateResource(reference, location, first):
            return "\(reference) at \(location) duplicates the resource at \(first)"
        case let .unresolvedReference(reference, location, type, id, position):
            return "unresolved reference \"\(reference)\" in \(type)/\(id) at \(location) (\(position)): no entry has that fullUrl"
        case let .invalidElement(path, value, expected, type, id):
            return "\(type)/\(id): \(path) is \"\(value)\", expected \(expected)"
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason)"
        }
    }
}
