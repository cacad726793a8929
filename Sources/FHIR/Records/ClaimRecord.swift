/// One line of a claim.
public struct ClaimItem: Hashable, Sendable {
    public var sequence: Int?
    /// The billed service (`productOrService`: SNOMED, CPT, RxNorm, CVX…).
    public var productOrService: CodeableConcept?
    /// `servicedDate`, else `servicedPeriod.start`.
    public var serviced: FHIRDateTime?
    public var net: Money?
    /// References of the encounters the line belongs to.
    public var encounters: [String]
}

/// A bill (`Claim`) or its adjudication (`ExplanationOfBenefit`): cost and utilisation inputs.
public struct ClaimRecord: Hashable, Sendable {
    /// Which resource the record came from.
    public enum Kind: String, Hashable, Sendable {
        case claim = "Claim"
        case explanationOfBenefit = "ExplanationOfBenefit"
    }

    public var kind: Kind
    public var id: String
    public var patient: String?
    public var status: String?
    /// `claim`, `preauthorization` or `predetermination`.
    public var use: String?
    /// institutional, professional, pharmacy, oral, vision.
    public var type: CodeableConcept?
    public var billablePeriod: Period?
    public var created: FHIRDateTime?
    public var provider: String?
    /// `insurer` reference, else its display text.
    public var insurer: String?
    /// `Claim.total`; for an EOB the `total` whose category is `submitted`, else its first total.
    public var total: Money?
    /// Every `ExplanationOfBenefit.total` by category code (submitted, benefit, copay…).
    public var totalsByCategory: [String: Money]
    /// `ExplanationOfBenefit.payment.amount`.
    public var payment: Money?
    /// The `Claim` an EOB adjudicates.
    public var claim: String?
    /// Diagnoses given by reference (`diagnosisReference`, usually Conditions).
    public var diagnosisReferences: [String]
    /// Diagnoses given as codes (`diagnosisCodeableConcept`, usually ICD-10-CM).
    public var diagnosisCodes: [CodeableConcept]
    public var items: [ClaimItem]

    /// Reads a `Claim` or `ExplanationOfBenefit`; `nil` for other types.
    public init?(_ resource: FHIRResource) throws(FHIRError) {
        guard let kind = Kind(rawValue: resource.resourceType) else { return nil }
        let reader = ElementReader(resource)
        let root = reader.root
        self.kind = kind
        id = resource.id
        patient = reader.reference("patient")
        status = reader.string("status")
        use = reader.string("use")
        type = reader.concept("type")
        billablePeriod = try reader.period("billablePeriod")
        created = try reader.dateTime("created")
        provider = reader.reference("provider")
        insurer = reader.reference("insurer") ?? root["insurer"]?["display"]?.string
        totalsByCategory = [:]
        payment = try reader.money(root["payment"]?["amount"], path: "payment.amount")
        claim = reader.reference("claim")
        switch kind {
        case .claim:
            total = try reader.money(root["total"], path: "total")
        case .explanationOfBenefit:
            total = nil
            for (index, entry) in (root["total"]?.elements ?? []).enumerated() {
                let amount = try reader.money(entry["amount"], path: "total[\(index)].amount")
                if total == nil { total = amount }
                if let category = entry["category"].map(ElementReader.concept)?.firstCode, let amount {
                    totalsByCategory[category] = amount
                    if category == "submitted" { total = amount }
                }
            }
        }
        let diagnoses = root["diagnosis"]?.elements ?? []
        diagnosisReferences = diagnoses.compactMap { $0["diagnosisReference"]?["reference"]?.string }
        diagnosisCodes = diagnoses.compactMap { $0["diagnosisCodeableConcept"].map(ElementReader.concept) }
        items = []
        for (index, item) in (root["item"]?.elements ?? []).enumerated() {
            var serviced = try reader.dateTime("servicedDate", in: item, path: "item[\(index)].servicedDate")
            if serviced == nil { serviced = try reader.period("servicedPeriod", in: item)?.start }
            items.append(ClaimItem(sequence: item["sequence"]?.int, productOrService: item["productOrService"].map(ElementReader.concept),
                                   serviced: serviced, net: try reader.money(item["net"], path: "item[\(index)].net"),
                                   encounters: (item["encounter"]?.elements ?? []).compactMap { $0["reference"]?.string }))
        }
    }
}
