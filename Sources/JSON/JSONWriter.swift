/// Writes compact JSON straight into UTF-8 bytes, inserting commas itself, so API responses
/// need no intermediate values or encoder. Misuse, such as a value in an object without a key,
/// is caught by assertions in debug builds.
public struct JSONWriter: Sendable {
    /// The UTF-8 JSON written so far.
    public private(set) var bytes: [UInt8]

    /// One entry per open container: whether it is an object, and whether it has an element yet (so the next needs a comma).
    private var openContainers: [(isObject: Bool, hasElements: Bool)] = []
    private var isAfterKey = false

    /// Creates a writer whose buffer starts with room for `capacity` bytes.
    public init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts an object.
    public mutating func beginObject() {
        prepareForValue()
        bytes.append(UInt8(ascii: "{"))
        openContainers.append((isObject: true, hasElements: false))
    }

    /// Ends the innermost object.
    public mutating func endObject() {
        assert(openContainers.last?.isObject == true && !isAfterKey, "endObject() needs an open object and no dangling key")
        openContainers.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Starts an array.
    public mutating func beginArray() {
        prepareForValue()
        bytes.append(UInt8(ascii: "["))
        openContainers.append((isObject: false, hasElements: false))
    }

    /// Ends the innermost array.
    public mutating func endArray() {
        assert(openContainers.last?.isObject == false, "endArray() needs an open array")
        openContainers.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes the key of the next object member; the next value written is its value.
    ///
    /// A key written in the source is a name that needs no escaping (no quote, backslash,
    /// control character, `<`, `>` or `&`; debug builds check it), so its bytes are copied as
    /// they are: escaped like any string, the ~20 keys of an article detail cost more
    /// instructions than its summary's text.
    public mutating func key(_ name: StaticString) {
        assert(openContainers.last?.isObject == true && !isAfterKey, "key(_:) needs an open object awaiting a key")
        assert(Self.isPlainKey(name), "a key written in the source must need no escaping")
        appendSeparatorIfNeeded()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        isAfterKey = true
    }

    /// Writes the key of the next object member from text known only at run time (a field's
    /// name from data), escaped as any string is.
    public mutating func escapedKey(_ name: String) {
        assert(openContainers.last?.isObject == true && !isAfterKey, "escapedKey(_:) needs an open object awaiting a key")
        appendSeparatorIfNeeded()
        JSONString.append(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        isAfterKey = true
    }

    private static func isPlainKey(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { PlainRunScanner.endOfPlainRun(in: $0, from: 0, stops: .inlineUnsafe) == $0.count }
    }

    /// Writes a string.
    public mutating func string(_ value: String) {
        prepareForValue()
        JSONString.append(value, to: &bytes)
    }

    /// Writes an integer.
    public mutating func int(_ value: Int64) {
        prepareForValue()
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digitCount = 1
        var remaining = magnitude / 10
        while remaining > 0 {
            digitCount += 1
            remaining /= 10
        }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var index = start + digitCount - 1
        repeat {
            bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
    }

    /// Writes an integer.
    public mutating func int(_ value: Int) {
        int(Int64(value))
    }

    /// Writes a finite double as its shortest round-trip text; NaN and infinities have no JSON form and trap.
    public mutating func double(_ value: Double) {
        precondition(value.isFinite, "JSON cannot represent \(value)")
        prepareForValue()
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes a number exactly as its literal text.
    public mutating func number(_ value: JSONNumber) {
        prepareForValue()
        bytes.append(contentsOf: value.text.utf8)
    }

    /// Writes `true` or `false`.
    public mutating func bool(_ value: Bool) {
        prepareForValue()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// Writes `null`.
    public mutating func null() {
        prepareForValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// Splices in one JSON value that the caller guarantees is valid, such as JSON stored earlier.
    public mutating func raw(_ json: [UInt8]) {
        prepareForValue()
        bytes.append(contentsOf: json)
    }

    /// Splices in one JSON value that the caller guarantees is valid, such as JSON stored earlier.
    public mutating func raw(_ json: String) {
        prepareForValue()
        bytes.append(contentsOf: json.utf8)
    }

    /// Splices members rendered elsewhere (`"a":1,"b":2`, what lies between an object's braces)
    /// into the open object, which the caller guarantees is valid JSON.
    public mutating func rawMembers(_ json: ArraySlice<UInt8>) {
        assert(openContainers.last?.isObject == true && !isAfterKey, "rawMembers(_:) needs an open object awaiting a key")
        guard !json.isEmpty else { return }
        appendSeparatorIfNeeded()
        bytes.append(contentsOf: json)
    }

    /// Writes a parsed or constructed value, numbers keeping their literal text.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let bool): self.bool(bool)
        case .number(let number): self.number(number)
        case .string(let string): self.string(string)
        case .array(let elements):
            beginArray()
            for element in elements {
                self.value(element)
            }
            endArray()
        case .object(let object):
            beginObject()
            for member in object.members {
                escapedKey(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Writes a member whose value is a string, or `null` when nil.
    public mutating func member(_ key: StaticString, _ value: String?) {
        self.key(key)
        if let value { string(value) } else { null() }
    }

    /// Writes a member whose value is an integer, or `null` when nil.
    public mutating func member(_ key: StaticString, _ value: Int?) {
        self.key(key)
        if let value { int(value) } else { null() }
    }

    /// Writes a member whose value is an integer, or `null` when nil.
    public mutating func member(_ key: StaticString, _ value: Int64?) {
        self.key(key)
        if let value { int(value) } else { null() }
    }

    /// Writes a member whose value is a finite double, or `null` when nil.
    public mutating func member(_ key: StaticString, _ value: Double?) {
        self.key(key)
        if let value { double(value) } else { null() }
    }

    /// Writes a member whose value is a Boolean, or `null` when nil.
    public mutating func member(_ key: StaticString, _ value: Bool?) {
        self.key(key)
        if let value { bool(value) } else { null() }
    }

    /// Writes a member whose value is a JSON value, or `null` when nil.
    public mutating func member(_ key: StaticString, _ value: JSONValue?) {
        self.key(key)
        if let value { self.value(value) } else { null() }
    }

    /// Writes a member whose value is valid JSON spliced in as is, or `null` when nil.
    public mutating func rawMember(_ key: StaticString, _ json: [UInt8]?) {
        self.key(key)
        if let json { raw(json) } else { null() }
    }

    /// Writes a member whose value is valid JSON spliced in as is, from bytes the caller
    /// formatted in place (a timestamp on the stack).
    public mutating func rawMember(_ key: StaticString, _ json: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        prepareForValue()
        bytes.append(contentsOf: json)
    }

    /// A value directly after a key needs no separator; any other value in a container follows a comma unless it is the first.
    private mutating func prepareForValue() {
        if isAfterKey {
            isAfterKey = false
            return
        }
        assert(openContainers.last?.isObject != true, "a value inside an object needs key(_:) first")
        assert(!openContainers.isEmpty || bytes.isEmpty, "a JSON document holds exactly one top-level value")
        appendSeparatorIfNeeded()
    }

    private mutating func appendSeparatorIfNeeded() {
        guard let top = openContainers.indices.last else { return }
        if openContainers[top].hasElements {
            bytes.append(UInt8(ascii: ","))
        } else {
            openContainers[top].hasElements = true
        }
    }
}
