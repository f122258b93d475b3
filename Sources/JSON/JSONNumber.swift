/// A JSON number kept as its literal text, so no precision is lost between reading and writing.
/// Numbers compare by that text: `1` and `1.0` are different numbers.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the document, e.g. "-12.50e3".
    public let text: String

    /// Creates the number for an integer.
    public init(_ value: Int64) {
        text = String(value)
    }

    /// Creates the number for an integer.
    public init(_ value: Int) {
        text = String(value)
    }

    /// Creates the number for a finite double, written as its shortest round-trip text; nil for NaN and infinities.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        text = value.description
    }

    /// Creates a number from JSON number text; nil unless `text` is exactly one valid JSON number.
    public init?(text: String) {
        guard case .number(let number)? = try? JSONParser.parse(text, maxDepth: 0), number.text == text else { return nil }
        self = number
    }

    /// Wraps text the parser has already checked against the number grammar.
    init(validatedText: String) {
        text = validatedText
    }

    /// The value when the literal is an integer (no fraction, no exponent) that fits in an Int64.
    public var int64: Int64? {
        let hasFractionOrExponent = text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
        return hasFractionOrExponent ? nil : Int64(text)
    }

    /// The nearest Double, or nil when the magnitude is too large for a Double.
    public var double: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The literal text.
    public var description: String { text }
}
