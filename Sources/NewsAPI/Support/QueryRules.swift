import HTTP

/// Query strings are checked strictly: a misspelt parameter (`tags=` for `tag=`) would
/// otherwise return an unfiltered listing that looks like a correct answer.
enum QueryRules {
    static func requireKnown(_ query: QueryParameters, _ known: Set<String>) throws {
        if let unknown = query.names.first(where: { !known.contains($0) }) {
            throw ProblemDetails.badRequest("Unknown query parameter '\(unknown)'; this resource takes: \(known.sorted().joined(separator: ", ")).")
        }
    }
}
