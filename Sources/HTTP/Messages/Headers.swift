/// An ordered list of header fields with case-insensitive lookup.
///
/// Request headers arrive with lower-cased names (the parser folds them once, so lookups compare
/// bytes); response headers keep the spelling the application gave them. Setting a field through
/// `set` replaces every earlier field of that name, which is how responses stay free of duplicates.
public struct Headers: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    /// Room for a response's usual fields (entity tag, caching, keys, type), so setting them
    /// does not grow the array four times.
    public init() {
        fields.reserveCapacity(8)
    }

    public init(_ fields: [(String, String)]) {
        for (name, value) in fields { set(name, value) }
    }

    init(lowercasedFields: [(name: String, value: String)]) {
        fields = lowercasedFields
    }

    /// The first value of `name`, compared case-insensitively.
    public subscript(name: String) -> String? {
        for field in fields where Self.equalIgnoringASCIICase(field.name, name) { return field.value }
        return nil
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        // One pass and one array, allocated only for a name that is there: the parser asks
        // for framing fields most requests lack.
        var values: [String] = []
        for field in fields where Self.equalIgnoringASCIICase(field.name, name) { values.append(field.value) }
        return values
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Sets `name` to `value`, dropping any earlier field of the same name.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name, value))
    }

    /// Appends a field without removing earlier ones, for fields that may repeat (Vary, Set-Cookie).
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    public mutating func remove(_ name: String) {
        // Most calls come from `set` for a field not there yet: no rewrite of the list then.
        guard contains(name) else { return }
        fields.removeAll { Self.equalIgnoringASCIICase($0.name, name) }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    /// Compares two ASCII header names without allocating lower-cased copies.
    static func equalIgnoringASCIICase(_ lhs: String, _ rhs: String) -> Bool {
        // Names of other lengths, most of those compared, differ at once.
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // Byte by byte through pointers: stepping two `utf8` iterators cost several times more,
        // and every response's fields and every request's lookups compare names.
        func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
            for index in left.indices where left[index] != right[index] && lowercase(left[index]) != lowercase(right[index]) {
                return false
            }
            return true
        }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in rhs.withUTF8 { right in equal(left, right) } }
    }

    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
