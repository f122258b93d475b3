/// A JSON object: members in document order, with keys that are unique by exact code points.
/// Lookups scan the members, which suits the small objects of API requests and responses.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// The members in document order.
    public private(set) var members: [(key: String, value: JSONValue)]

    /// Creates an empty object.
    public init() {
        members = []
    }

    /// Creates an object with members in the given order; traps if a key repeats, like `Dictionary(uniqueKeysWithValues:)`.
    public init(uniqueKeysWithValues members: some Sequence<(String, JSONValue)>) {
        var seenKeys = Set<ExactKey>()
        self.members = members.map { key, value in
            precondition(seenKeys.insert(ExactKey(key)).inserted, "Duplicate JSON object key \(JSONString.quote(key))")
            return (key, value)
        }
    }

    /// Creates an object from a dictionary literal, keeping the literal's order; keys must be unique.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(uniqueKeysWithValues: elements)
    }

    /// Wraps members whose keys the parser has already checked for duplicates.
    init(uniqueMembers: [(key: String, value: JSONValue)]) {
        members = uniqueMembers
    }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// Whether the object has a member named `key`.
    public func contains(_ key: String) -> Bool {
        index(of: key) != nil
    }

    /// The value of the member named `key`; setting a value replaces it in place or appends it, setting nil removes it.
    public subscript(key: String) -> JSONValue? {
        get { index(of: key).map { members[$0].value } }
        set {
            switch (index(of: key), newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((key, value))
            case (nil, nil): break
            }
        }
    }

    private func index(of key: String) -> Int? {
        members.firstIndex { $0.key.isExactlyEqual(to: key) }
    }

    /// Objects are equal when they have the same keys with equal values in any order, since
    /// RFC 8259 §4 gives member order no meaning.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        // Keys are unique on both sides, so finding every left member on the right proves equality;
        // objects in the same order are matched position by position without a lookup.
        for (position, member) in lhs.members.enumerated() {
            let sameSlot = rhs.members[position]
            let matches = member.key.isExactlyEqual(to: sameSlot.key) ? member.value == sameSlot.value : rhs[member.key] == member.value
            guard matches else { return false }
        }
        return true
    }
}
