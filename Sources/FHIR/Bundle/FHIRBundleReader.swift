/// Reads one FHIR R4 Bundle file and checks it whole before anything is imported.
///
/// Checks, in order: the bytes are strict JSON (UTF-8), `resourceType` is `Bundle`, `type` is
/// transaction, batch, collection or searchset, every entry has a resource with a valid
/// `resourceType` and `id`, `fullUrl`s and `Type/id`s are unique, and every reference that names an
/// entry's `fullUrl` is rewritten to that entry's `Type/id`. A `urn:` reference (`urn:uuid:`,
/// `urn:oid:`) that names no entry is an error, since it cannot point outside the bundle; other
/// references (`Patient/1`, absolute URLs, `#contained`) are kept as written.
///
/// The first problem found rejects the whole bundle with one `FHIRError`.
public struct FHIRBundleReader: Sendable {
    /// Nesting limit handed to the JSON parser.
    public var maximumDepth: Int

    /// Creates a reader.
    public init(maximumDepth: Int = JSONDocument.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Parses and checks the bytes of one bundle file.
    public func read(_ bytes: [UInt8]) throws(FHIRError) -> FHIRBundle {
        let document = try JSONDocument(bytes: bytes, maximumDepth: maximumDepth)
        let root = document.root
        guard root.kind == .object else { throw .notAnObject(what: "the bundle", location: nil) }
        let resourceType = root["resourceType"]?.string
        guard resourceType == "Bundle" else { throw .notABundle(foundResourceType: resourceType) }
        let typeText = root["type"]?.string
        guard let type = typeText.flatMap(FHIRBundleType.init(rawValue:)) else { throw .unsupportedBundleType(typeText) }
        let entries: [JSONValue]
        switch root["entry"] {
        case nil: entries = []
        case let entry? where entry.kind == .array: entries = entry.elements
        case _?: throw .entriesNotAnArray
        }

        let found = try Self.identify(entries)
        let replacements = try Self.resolveReferences(in: found)
        let resolved = document.replacingStrings(replacements)
        let resources = found.entries.map { entry in
            FHIRResource(resourceType: entry.identity.resourceType, id: entry.identity.id, fullURL: entry.fullURL,
                         location: .bundleEntry(entry.index), value: JSONValue(document: resolved, index: entry.resource.index))
        }
        return FHIRBundle(type: type, resources: resources)
    }

    private struct Entry {
        let index: Int
        let resource: JSONValue
        let identity: ResourceIdentity
        let fullURL: String?
    }

    private struct Identified {
        var entries: [Entry] = []
        /// `fullUrl` → `Type/id` of the entry that carries it.
        var targets: [String: String] = [:]
    }

    /// Checks each entry's resource and builds the `fullUrl` → `Type/id` map.
    private static func identify(_ entries: [JSONValue]) throws(FHIRError) -> Identified {
        var result = Identified()
        result.entries.reserveCapacity(entries.count)
        var entryOfURL: [String: Int] = [:]
        var entryOfReference: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            guard entry.kind == .object else { throw .notAnObject(what: "entry", location: .bundleEntry(index)) }
            let fullURL = entry["fullUrl"]?.string
            guard let resource = entry["resource"], !resource.isNull else { throw .entryWithoutResource(entry: index, fullURL: fullURL) }
            let identity = try ResourceIdentity(of: resource, at: .bundleEntry(index))
            if let first = entryOfReference.updateValue(index, forKey: identity.reference) {
                throw .duplicateResource(reference: identity.reference, .bundleEntry(index), first: .bundleEntry(first))
            }
            if let fullURL {
                if let first = entryOfURL.updateValue(index, forKey: fullURL) {
                    throw .duplicateFullURL(fullURL, entry: index, firstEntry: first)
                }
                result.targets[fullURL] = identity.reference
            }
            result.entries.append(Entry(index: index, resource: resource, identity: identity, fullURL: fullURL))
        }
        return result
    }

    /// The new text of every `reference` string that names an entry, keyed by tape index.
    private static func resolveReferences(in found: Identified) throws(FHIRError) -> [Int: String] {
        var replacements: [Int: String] = [:]
        for entry in found.entries {
            for referenceValue in entry.resource.stringMembers(named: "reference") {
                guard let reference = referenceValue.string else { continue }
                if let target = found.targets[reference] {
                    replacements[referenceValue.index] = target
                } else if reference.hasPrefix("urn:") {
                    throw .unresolvedReference(reference, in: .bundleEntry(entry.index), resourceType: entry.identity.resourceType,
                                               id: entry.identity.id, at: referenceValue.position)
                }
            }
        }
        return replacements
    }
}
