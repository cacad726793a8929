extension Node {
    /// The HTML as a string.
    public func render() -> String {
        String(decoding: renderBytes(), as: UTF8.self)
    }

    /// The HTML as UTF-8 bytes, ready for a response body.
    public func renderBytes() -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(4096)
        render(into: &out)
        return out
    }

    /// Appends the HTML as UTF-8 bytes to `out`.
    public func render(into out: inout [UInt8]) {
        switch content {
        case .text(let text):
            Escaping.append(text, to: &out)
        case .raw(let trusted):
            Escaping.appendVerbatim(trusted, to: &out)
        case .fragment(let nodes):
            for node in nodes { node.render(into: &out) }
        case .element(let element):
            element.render(into: &out)
        }
    }

    /// Appends only trusted content: what a `script` or `style` element may contain.
    fileprivate func renderRawOnly(into out: inout [UInt8]) {
        switch content {
        case .raw(let trusted):
            Escaping.appendVerbatim(trusted, to: &out)
        case .fragment(let nodes):
            for node in nodes { node.renderRawOnly(into: &out) }
        case .text, .element:
            break
        }
    }
}

extension Element {
    func render(into out: inout [UInt8]) {
        switch kind {
        case .invalid:
            out.append(contentsOf: "&lt;".utf8)
            Escaping.append(tag, to: &out)
            out.append(contentsOf: "&gt;".utf8)
            for child in children { child.render(into: &out) }
            out.append(contentsOf: "&lt;/".utf8)
            Escaping.append(tag, to: &out)
            out.append(contentsOf: "&gt;".utf8)
        case .void:
            renderStartTag(into: &out)
        case .rawText:
            renderStartTag(into: &out)
            for child in children { child.renderRawOnly(into: &out) }
            renderEndTag(into: &out)
        case .normal:
            renderStartTag(into: &out)
            for child in children { child.render(into: &out) }
            renderEndTag(into: &out)
        }
    }

    private func renderStartTag(into out: inout [UInt8]) {
        out.append(UInt8(ascii: "<"))
        Escaping.appendVerbatim(tag, to: &out)
        for attribute in attributes where attribute.isRendered {
            out.append(UInt8(ascii: " "))
            Escaping.appendVerbatim(attribute.name, to: &out)
            if let value = attribute.value {
                out.append(contentsOf: "=\"".utf8)
                Escaping.append(value, to: &out)
                out.append(UInt8(ascii: "\""))
            }
        }
        out.append(UInt8(ascii: ">"))
    }

    private func renderEndTag(into out: inout [UInt8]) {
        out.append(contentsOf: "</".utf8)
        Escaping.appendVerbatim(tag, to: &out)
        out.append(UInt8(ascii: ">"))
    }
}
