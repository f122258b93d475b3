import JSON

/// Reads typed members of a JSON object while collecting field errors by JSON Pointer, and
/// notices members nobody asked for (a misspelt field should not be silently ignored).
public struct ObjectReader {
    public private(set) var errors: [FieldError] = []
    private let object: JSONObject?
    private let pointer: String
    private var read: Set<String> = []

    public init(_ value: JSONValue, at pointer: String) {
        self.pointer = pointer
        if case .object(let object) = value {
            self.object = object
        } else {
            self.object = nil
            errors.append(FieldError(pointer.isEmpty ? "/" : pointer, "must be an object"))
        }
    }

    public var isObject: Bool { object != nil }

    public func pointer(to key: String) -> String { "\(pointer)/\(key)" }

    public mutating func fail(_ key: String, _ detail: String) {
        errors.append(FieldError(pointer(to: key), detail))
    }

    /// The member's value, or nil when absent; JSON `null` counts as absent.
    public mutating func value(_ key: String, required: Bool = false) -> JSONValue? {
        read.insert(key)
        guard let value = object?[key], value != .null else {
            if required { fail(key, "is required") }
            return nil
        }
        return value
    }

    public mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key, required: required) else { return nil }
        guard case .string(let string) = value else {
            fail(key, "must be a string")
            return nil
        }
        return string
    }

    public mutating func integer(_ key: String, required: Bool = false) -> Int64? {
        guard let value = value(key, required: required) else { return nil }
        guard case .number(let number) = value, let integer = number.int64 else {
            fail(key, "must be an integer")
            return nil
        }
        return integer
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let bool) = value else {
            fail(key, "must be true or false")
            return nil
        }
        return bool
    }

    public mutating func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let value = value(key, required: required) else { return nil }
        guard case .array(let elements) = value else {
            fail(key, "must be an array of strings")
            return nil
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            if case .string(let string) = element {
                strings.append(string)
            } else {
                fail("\(key)/\(index)", "must be a string")
            }
        }
        return strings
    }

    /// The members of an image, read from this object.
    mutating func image() -> Block.Image? {
        let url = string("url", required: true)
        let alt = string("alt")
        let caption = string("caption")
        let credit = string("credit")
        return url.map { Block.Image(url: $0, alt: alt, caption: caption, credit: credit) }
    }

    /// Reports every member that was never read.
    public mutating func rejectUnreadMembers() {
        guard let object else { return }
        for key in object.keys where !read.contains(key) {
            fail(key, "is not a known field")
        }
    }
}
