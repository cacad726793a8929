extension Node {
    /// The shared shape of the tag helpers: optional `class` and `id`, then any other attributes.
    static func attributes(_ className: String?, _ id: String?, _ others: [Attribute]) -> [Attribute] {
        guard className != nil || id != nil else { return others }
        var all = [Attribute]()
        all.reserveCapacity(others.count + 2)
        if let className { all.append(.class(className)) }
        if let id { all.append(.id(id)) }
        all.append(contentsOf: others)
        return all
    }

    static func container(_ tag: String, _ className: String?, _ id: String?, _ others: [Attribute], _ children: [Node]) -> Node {
        known(tag, .normal, attributes(className, id, others), children)
    }
}
