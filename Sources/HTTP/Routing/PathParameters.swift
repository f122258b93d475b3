/// The values of a matched pattern's `{name}` segments, percent-decoded, by name.
///
/// A short list, not a dictionary: a route has one or two parameters, found by comparing
/// names, which costs less than hashing one for a dictionary built anew on every request.
public struct PathParameters: Sendable, ExpressibleByDictionaryLiteral {
    private var pairs: [(name: String, value: String)] = []

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { self[name] = value }
    }

    /// The value of the parameter `name`; setting one replaces an earlier value.
    public subscript(name: String) -> String? {
        get { pairs.first { $0.name == name }?.value }
        set {
            pairs.removeAll { $0.name == name }
            if let newValue { pairs.append((name, newValue)) }
        }
    }
}
