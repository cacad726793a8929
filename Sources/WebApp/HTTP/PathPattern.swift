/// Matches path segments against a pattern like `patients/:id/edit`; returns the `:` parameters in order.
func match(_ pattern: String, _ segments: [String]) -> [String]? {
    let parts = pattern.split(separator: "/")
    guard parts.count == segments.count else { return nil }
    var parameters: [String] = []
    for (part, segment) in zip(parts, segments) {
        if part.first == ":" { parameters.append(segment) } else if part != segment { return nil }
    }
    return parameters
}
