/// The decoded `name=value` pairs of a query string, in order; names may repeat
/// (`?tag=a&tag=b`).
public struct QueryParameters: Sendable {
    public let pairs: [(name: String, value: String)]

    public init(pairs: [(name: String, value: String)] = []) {
        self.pairs = pairs
    }

    /// Parses a raw query (without `?`). `+` and `%20` both decode to a space; a name without
    /// `=` has an empty value. Returns nil for invalid percent-encoding or UTF-8.
    public init?(parsing query: Substring) {
        var pairs: [(name: String, value: String)] = []
        for component in query.split(ascii: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = component.utf8.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { component[..<$0] } ?? component
            let rawValue = equals.map { component[component.index(after: $0)...] } ?? ""
            guard let name = PercentDecoding.decode(rawName, mode: .formComponent),
                let value = PercentDecoding.decode(rawValue, mode: .formComponent)
            else { return nil }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// The first value given for `name`.
    public subscript(name: String) -> String? {
        pairs.first { $0.name == name }?.value
    }

    /// Every value given for `name`, in order.
    public func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    public var names: [String] { pairs.map(\.name) }
}
