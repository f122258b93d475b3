/// Reads one JSON document strictly by RFC 8259, rejecting everything the RFC leaves to the
/// implementation: byte order marks, duplicate keys, invalid UTF-8 and lone surrogates.
public enum JSONParser {
    /// Parses a document from UTF-8 bytes; containers may nest at most `maxDepth` levels deep.
    public static func parse(_ bytes: some Collection<UInt8>, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ parse(contiguous: $0, maxDepth: maxDepth) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { parse(contiguous: $0, maxDepth: maxDepth) }.get()
    }

    /// Parses a document from raw UTF-8 memory, such as a request body buffer.
    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try buffer.withMemoryRebound(to: UInt8.self) { parse(contiguous: $0, maxDepth: maxDepth) }.get()
    }

    /// Parses a document from text; error offsets count UTF-8 bytes.
    public static func parse(_ text: String, maxDepth: Int = 64) throws(JSONParseError) -> JSONValue {
        try parse(text.utf8, maxDepth: maxDepth)
    }

    private static func parse(contiguous input: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONParseError> {
        precondition(maxDepth >= 0, "maxDepth must not be negative")
        var reader = DocumentReader(input: input, maxDepth: maxDepth)
        do {
            return .success(try reader.readDocument())
        } catch {
            return .failure(error)
        }
    }
}

/// An array or object whose closing bracket has not been read yet. The parser keeps these on an
/// explicit stack rather than recursing, so input nesting can never overflow the call stack.
private struct OpenContainer {
    /// Objects with more members than this check duplicate keys with a hash set instead of a scan.
    static let linearKeyScanLimit = 16

    let isObject: Bool
    var elements: [JSONValue] = []
    var members: [(key: String, value: JSONValue)] = []
    var pendingKey = ""
    var keyIndex: Set<ExactKey> = []

    /// Records `key` for the next member; false if an earlier member already has it.
    mutating func registerKey(_ key: String) -> Bool {
        if members.count < Self.linearKeyScanLimit {
            return !members.contains { $0.key.isExactlyEqual(to: key) }
        }
        if keyIndex.isEmpty {
            keyIndex = Set(members.map { ExactKey($0.key) })
        }
        return keyIndex.insert(ExactKey(key)).inserted
    }
}

/// A cursor over one document, plus a buffer reused to unescape strings.
private struct DocumentReader {
    let input: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var unescaped: [UInt8] = []

    init(input: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    /// The byte at the cursor, or 0 at the end: no grammar rule outside strings accepts 0.
    private var current: UInt8 {
        position < input.count ? input[position] : 0
    }

    mutating func readDocument() throws(JSONParseError) -> JSONValue {
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw JSONParseError(offset: 0, reason: "a byte order mark is not allowed")
        }
        let value = try readValueTree()
        skipWhitespace()
        guard position == input.count else { throw failure("unexpected \(currentDescription) after the JSON value") }
        return value
    }

    private mutating func readValueTree() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        readingValues: while true {
            skipWhitespace()
            var value: JSONValue
            switch current {
            case UInt8(ascii: "["):
                try checkDepth(open.count)
                position += 1
                skipWhitespace()
                guard current == UInt8(ascii: "]") else {
                    open.append(OpenContainer(isObject: false))
                    continue readingValues
                }
                position += 1
                value = .array([])
            case UInt8(ascii: "{"):
                try checkDepth(open.count)
                position += 1
                skipWhitespace()
                guard current == UInt8(ascii: "}") else {
                    var object = OpenContainer(isObject: true)
                    try readKey(into: &object)
                    open.append(object)
                    continue readingValues
                }
                position += 1
                value = .object(JSONObject())
            case UInt8(ascii: "\""): value = .string(try readString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try readNumber())
            case UInt8(ascii: "t"):
                try readLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try readLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try readLiteral("null")
                value = .null
            default: throw failure("expected a JSON value, found \(currentDescription)")
            }
            // Hand the finished value to its container, closing every container that ends here.
            while let top = open.indices.last {
                skipWhitespace()
                if open[top].isObject {
                    open[top].members.append((open[top].pendingKey, value))
                    switch current {
                    case UInt8(ascii: ","):
                        position += 1
                        try readKey(into: &open[top])
                        continue readingValues
                    case UInt8(ascii: "}"):
                        position += 1
                        value = .object(JSONObject(uniqueMembers: open.removeLast().members))
                    default:
                        throw failure("expected ',' or '}' after an object member, found \(currentDescription)")
                    }
                } else {
                    open[top].elements.append(value)
                    switch current {
                    case UInt8(ascii: ","):
                        position += 1
                        continue readingValues
                    case UInt8(ascii: "]"):
                        position += 1
                        value = .array(open.removeLast().elements)
                    default:
                        throw failure("expected ',' or ']' after an array element, found \(currentDescription)")
                    }
                }
            }
            return value
        }
    }

    private func checkDepth(_ openContainers: Int) throws(JSONParseError) {
        guard openContainers < maxDepth else {
            throw failure("nesting is deeper than the maximum of \(maxDepth) levels")
        }
    }

    /// Reads `"key" :` and leaves the cursor at the member's value.
    private mutating func readKey(into object: inout OpenContainer) throws(JSONParseError) {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw failure("expected a string key, found \(currentDescription)") }
        let keyOffset = position
        let key = try readString()
        guard object.registerKey(key) else {
            throw JSONParseError(offset: keyOffset, reason: "duplicate object key \(Self.quoteForMessage(key))")
        }
        skipWhitespace()
        guard current == UInt8(ascii: ":") else { throw failure("expected ':' after an object key") }
        position += 1
        object.pendingKey = key
    }

    private mutating func readLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        let end = position + expected.count
        guard end <= input.count, input[position..<end].elementsEqual(expected) else {
            throw failure("invalid literal, expected '\(literal)'")
        }
        position = end
    }

    private mutating func readNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
        }
        switch current {
        case UInt8(ascii: "0"):
            position += 1
            if Self.isDigit(current) { throw JSONParseError(offset: start, reason: "numbers must not have leading zeros") }
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            skipDigits()
        default:
            throw failure("expected a digit after '-'")
        }
        if current == UInt8(ascii: ".") {
            position += 1
            guard Self.isDigit(current) else { throw failure("expected a digit after the decimal point") }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                position += 1
            }
            guard Self.isDigit(current) else { throw failure("expected a digit in the exponent") }
            skipDigits()
        }
        return JSONNumber(validatedText: string(from: start, to: position))
    }

    /// Reads a string starting at its opening quote. Strings without escapes become one slice of
    /// the input; only strings with escapes are assembled in the `unescaped` buffer.
    private mutating func readString() throws(JSONParseError) -> String {
        let openingQuote = position
        position += 1
        let contentStart = position
        while position < input.count {
            position = PlainRunScanner.endOfPlainRun(in: input, from: position, stops: .nonASCII)
            guard position < input.count else { break }
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return string(from: contentStart, to: position - 1)
            }
            if byte == UInt8(ascii: "\\") {
                return try readEscapedString(openingQuote: openingQuote, contentStart: contentStart)
            }
            try skipUnescapedCharacter(byte)
        }
        throw JSONParseError(offset: openingQuote, reason: "unterminated string")
    }

    private mutating func readEscapedString(openingQuote: Int, contentStart: Int) throws(JSONParseError) -> String {
        unescaped.removeAll(keepingCapacity: true)
        var runStart = contentStart
        while position < input.count {
            position = PlainRunScanner.endOfPlainRun(in: input, from: position, stops: .nonASCII)
            guard position < input.count else { break }
            let byte = input[position]
            if byte == UInt8(ascii: "\"") {
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                position += 1
                return String(decoding: unescaped, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
                try readEscape(openingQuote: openingQuote)
                runStart = position
            } else {
                try skipUnescapedCharacter(byte)
            }
        }
        throw JSONParseError(offset: openingQuote, reason: "unterminated string")
    }

    /// Steps over one character of string content, checking that it is well-formed UTF-8 and not a raw control character.
    private mutating func skipUnescapedCharacter(_ byte: UInt8) throws(JSONParseError) {
        if byte >= 0x20 && byte < 0x80 {
            position += 1
        } else if byte < 0x20 {
            throw failure("control character U+\(Self.hex(byte, digits: 4)) must be escaped in a string")
        } else if let length = UTF8Validation.multiByteSequenceLength(in: input, at: position) {
            position += length
        } else {
            throw failure("invalid UTF-8 in a string")
        }
    }

    /// Reads one escape sequence at the cursor's backslash into `unescaped`.
    private mutating func readEscape(openingQuote: Int) throws(JSONParseError) {
        let escapeStart = position
        guard position + 1 < input.count else { throw JSONParseError(offset: openingQuote, reason: "unterminated string") }
        let designator = input[position + 1]
        position += 2
        switch designator {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(designator)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"): try readUnicodeEscape(escapeStart: escapeStart)
        default:
            throw JSONParseError(offset: escapeStart, reason: "invalid escape sequence: \(Self.describe(designator)) after a backslash")
        }
    }

    /// Reads the hex digits of `\uXXXX`, combining a surrogate pair written as two escapes.
    private mutating func readUnicodeEscape(escapeStart: Int) throws(JSONParseError) {
        guard let unit = hexQuad(at: position) else {
            throw JSONParseError(offset: escapeStart, reason: "a \\u escape needs four hex digits")
        }
        position += 4
        switch unit {
        case 0xD800...0xDBFF:
            guard current == UInt8(ascii: "\\"), position + 1 < input.count, input[position + 1] == UInt8(ascii: "u"),
                let low = hexQuad(at: position + 2), (0xDC00...0xDFFF).contains(low)
            else {
                throw JSONParseError(
                    offset: escapeStart, reason: "high surrogate \\u\(Self.hex(unit, digits: 4)) is not followed by a low surrogate escape")
            }
            position += 6
            appendUTF8(scalar: 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF:
            throw JSONParseError(
                offset: escapeStart, reason: "low surrogate \\u\(Self.hex(unit, digits: 4)) is not preceded by a high surrogate escape")
        default:
            appendUTF8(scalar: unit)
        }
    }

    private func hexQuad(at start: Int) -> UInt32? {
        guard start + 4 <= input.count else { return nil }
        var value: UInt32 = 0
        for byte in input[start..<start + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(scalar: UInt32) {
        switch scalar {
        case ..<0x80:
            unescaped.append(UInt8(scalar))
        case ..<0x800:
            unescaped.append(UInt8(0xC0 | scalar >> 6))
            unescaped.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            unescaped.append(UInt8(0xE0 | scalar >> 12))
            unescaped.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            unescaped.append(UInt8(0x80 | scalar & 0x3F))
        default:
            unescaped.append(UInt8(0xF0 | scalar >> 18))
            unescaped.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            unescaped.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            unescaped.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while Self.isDigit(current) {
            position += 1
        }
    }

    /// The input bytes in `start..<end`, already checked to be well-formed UTF-8.
    private func string(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: input[start..<end]), as: UTF8.self)
    }

    private func failure(_ reason: String) -> JSONParseError {
        JSONParseError(offset: position, reason: reason)
    }

    private var currentDescription: String {
        position < input.count ? Self.describe(input[position]) : "the end of the input"
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Names a byte for an error message: printable ASCII as itself, anything else in hex.
    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte, digits: 2))"
    }

    private static func hex(_ value: some BinaryInteger, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Quotes a key for an error message, shortened so a huge key cannot flood the response.
    private static func quoteForMessage(_ key: String) -> String {
        let limit = 40
        return key.count > limit ? JSONString.quote(String(key.prefix(limit))) + "…" : JSONString.quote(key)
    }
}
