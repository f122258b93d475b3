/// The query parameters a route accepts, declared where it is registered; any other name is
/// a `400`: a misspelt parameter (`tags=` for `tag=`) would otherwise give an unfiltered
/// answer that looks correct.
public enum AcceptedQuery: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// These names only (none for an empty set).
    case only(Set<String>)
    /// Anything: pages a browser opens, whose links may carry tracking parameters.
    case any

    public init(arrayLiteral names: String...) {
        self = .only(Set(names))
    }

    /// The first name in `query` this does not accept.
    func unknownName(in query: QueryParameters) -> String? {
        guard case .only(let names) = self else { return nil }
        return query.names.first { !names.contains($0) }
    }
}
