/// The `Bundle.type` values the importer reads.
public enum FHIRBundleType: String, Sendable, CaseIterable {
    case transaction, batch, collection, searchset
}

/// A bundle that passed every check, with its resources in entry order.
public struct FHIRBundle: Sendable {
    /// The bundle's `type`.
    public let type: FHIRBundleType
    /// Every entry's resource, references resolved; modeled and unmodeled types alike.
    public let resources: [FHIRResource]

    /// How many resources of each type the bundle holds.
    public var countsByType: [String: Int] {
        var counts: [String: Int] = [:]
        for resource in resources { counts[resource.resourceType, default: 0] += 1 }
        return counts
    }
}
