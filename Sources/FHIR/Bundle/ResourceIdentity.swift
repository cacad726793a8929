/// The type and id every stored resource must have, checked against the FHIR R4 grammar.
struct ResourceIdentity {
    let resourceType: String
    let id: String

    var reference: String { "\(resourceType)/\(id)" }

    /// Reads `resourceType` and `id` from a resource object at `location`.
    init(of resource: JSONValue, at location: ResourceLocation) throws(FHIRError) {
        guard resource.kind == .object else { throw .notAnObject(what: "resource", location: location) }
        guard let type = resource["resourceType"]?.string else { throw .missingResourceType(location) }
        guard Self.isResourceTypeName(type) else { throw .invalidResourceType(type, location) }
        guard let id = resource["id"]?.string else { throw .missingResourceID(resourceType: type, location) }
        guard Self.isID(id) else { throw .invalidResourceID(id, resourceType: type, location) }
        self.resourceType = type
        self.id = id
    }

    /// FHIR type names are an upper-case ASCII letter followed by letters.
    static func isResourceTypeName(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"), bytes.count <= 64 else { return false }
        return bytes.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
    }

    /// R4 `id` datatype: `[A-Za-z0-9\-\.]{1,64}` (https://hl7.org/fhir/R4/datatypes.html#id).
    static func isID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        return bytes.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}

extension JSONValue {
    /// Every string value under this value (at any depth, contained resources included) whose
    /// member name is `key`, in document order. One linear pass over the tape.
    func stringMembers(named key: String) -> [JSONValue] {
        let nodes = document.nodes
        let end = Int(nodes[index].after)
        var found: [JSONValue] = []
        var key = key
        key.withUTF8 { wanted in
            var cursor = index + 1
            while cursor + 1 < end {
                let node = nodes[cursor]
                if node.flags & JSONNode.isKey != 0, nodes[cursor + 1].kind == .string, keyMatches(node, wanted) {
                    found.append(JSONValue(document: document, index: cursor + 1))
                }
                cursor += 1
            }
        }
        return found
    }
}
