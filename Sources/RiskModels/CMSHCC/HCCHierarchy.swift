/// The CMS-HCC hierarchies: when a more severe HCC of a family is present, the milder ones are dropped.
///
/// Source: CMS-HCC model software hierarchy macros `V28115H1` (V28, 2026) and `V24H86H1` (V24, 2025)
/// (Tables/`*_hierarchies.csv`). Each parent's list in the CMS macro is already transitively closed, so
/// applying every present parent at once (as the SAS `%SET0` macro loop does) drops exactly its listed children.
struct HCCHierarchy: Sendable {
    /// `children[n]` is the set that HCC n drops.
    private let children: [HCCSet]
    /// Parents in increasing order (only they have children).
    let parents: [Int]

    init(_ table: CSVTable) {
        let parentColumn = table.column("hcc"), childColumn = table.column("drops_hcc")
        var children = [HCCSet](repeating: HCCSet(), count: HCC.capacity)
        for row in table.rows {
            guard let parent = HCC(name: row[parentColumn]), let child = HCC(name: row[childColumn]) else { continue }
            children[parent.number].insert(child.number)
        }
        self.children = children
        parents = (0..<HCC.capacity).filter { !children[$0].isEmpty }
    }

    /// The HCCs that `present` drops (a subset of `present`).
    func dropped(from present: HCCSet) -> HCCSet {
        var drops = HCCSet()
        present.forEach { drops = drops.union(children[$0]) }  // an HCC that is no parent has no children
        return drops.intersection(present)
    }

    /// The present HCCs whose hierarchy drops `child`.
    func parents(of child: Int, in present: HCCSet) -> [HCC] {
        parents.filter { present.contains($0) && children[$0].contains(child) }.map(HCC.init)
    }

    /// Whether `parent` drops `child` (for explanations and tests).
    func drops(_ parent: HCC, _ child: HCC) -> Bool { children[parent.number].contains(child.number) }
}

/// V28 heart-failure patch: HCC223 (Heart Failure with Heart Assist Device/Artificial Heart)
/// only counts together with another heart-failure HCC. If none of HCC221, 222, 224, 225,
/// 226 is present, HCC223 is zeroed before the hierarchies, so it imposes none (CMS V28 software;
/// oracle README error 5: RAM wrongly still applies HCC223's hierarchy).
enum HeartFailurePatchV28 {
    static let patched = 223
    static let companions = HCCSet([221, 222, 224, 225, 226])

    /// Removes HCC223 from `present` when the patch applies; returns whether it did.
    static func apply(to present: inout HCCSet) -> Bool {
        guard present.contains(patched), !present.intersects(companions) else { return false }
        present.remove(patched)
        return true
    }
}
