/// Basic inline SVG for charts and icons. Coordinates are `Double`s written in the shortest
/// form (`12`, `3.5`); a NaN or infinite coordinate is written as `0`.
extension Node {
    /// An SVG canvas (`<svg viewBox>`) in the SVG namespace.
    public static func svg(viewBox: String, width: Double? = nil, height: Double? = nil, class className: String? = nil,
                           attributes: [Attribute] = [], _ children: [Node]) -> Node {
        var all = [Attribute("xmlns", "http://www.w3.org/2000/svg"), Attribute("viewBox", viewBox)]
        if let width { all.append(Attribute("width", svgNumber(width))) }
        if let height { all.append(Attribute("height", svgNumber(height))) }
        return container("svg", className, nil, all + attributes, children)
    }

    /// A group (`<g>`) sharing attributes such as a transform or a class.
    public static func g(class className: String? = nil, attributes: [Attribute] = [], _ children: [Node]) -> Node {
        container("g", className, nil, attributes, children)
    }

    /// A path (`<path d>`).
    public static func path(d: String, class className: String? = nil, attributes: [Attribute] = []) -> Node {
        container("path", className, nil, [Attribute("d", d)] + attributes, [])
    }

    /// A rectangle (`<rect>`).
    public static func rect(x: Double, y: Double, width: Double, height: Double, class className: String? = nil,
                            attributes: [Attribute] = []) -> Node {
        container("rect", className, nil, [
            Attribute("x", svgNumber(x)), Attribute("y", svgNumber(y)),
            Attribute("width", svgNumber(width)), Attribute("height", svgNumber(height)),
        ] + attributes, [])
    }

    /// A circle (`<circle>`).
    public static func circle(cx: Double, cy: Double, r: Double, class className: String? = nil, attributes: [Attribute] = []) -> Node {
        container("circle", className, nil, [
            Attribute("cx", svgNumber(cx)), Attribute("cy", svgNumber(cy)), Attribute("r", svgNumber(r)),
        ] + attributes, [])
    }

    /// A straight line (`<line>`).
    public static func line(x1: Double, y1: Double, x2: Double, y2: Double, class className: String? = nil,
                            attributes: [Attribute] = []) -> Node {
        container("line", className, nil, [
            Attribute("x1", svgNumber(x1)), Attribute("y1", svgNumber(y1)),
            Attribute("x2", svgNumber(x2)), Attribute("y2", svgNumber(y2)),
        ] + attributes, [])
    }

    /// A connected series of points (`<polyline points>`), e.g. a trend line.
    public static func polyline(points: [(x: Double, y: Double)], class className: String? = nil, attributes: [Attribute] = []) -> Node {
        let list = points.map { svgNumber($0.x) + "," + svgNumber($0.y) }.joined(separator: " ")
        return container("polyline", className, nil, [Attribute("points", list)] + attributes, [])
    }

    /// Text placed in an SVG drawing (`<text x y>`), escaped.
    public static func svgText(x: Double, y: Double, class className: String? = nil, attributes: [Attribute] = [], _ text: String) -> Node {
        container("text", className, nil, [Attribute("x", svgNumber(x)), Attribute("y", svgNumber(y))] + attributes, [.text(text)])
    }

    /// `12` rather than `12.0`; `0` for values SVG cannot express.
    static func svgNumber(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
