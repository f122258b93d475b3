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

    /// The value when the number is a whole number that fits in an Int64, however it is written:
    /// `2`, `2.0`, `20e-1` and `0.2E1` are all 2, as JSON Schema's `integer` counts them (a
    /// client that writes every number as a float is not wrong). Worked out on the digits, not
    /// through a Double, so no rounding makes `2.0000000000000001` whole.
    public var int64: Int64? {
        let utf8 = text.utf8
        guard let marker = utf8.firstIndex(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") })
        else { return Int64(text) }
        // The grammar was checked when parsing: -?int(.frac)?([eE][+-]?digits)?
        var mantissa = Substring(text[..<marker])
        var exponent = 0
        var rest = text[marker...]
        if rest.first == "." {
            let fractionEnd = rest.firstIndex { $0 == "e" || $0 == "E" } ?? rest.endIndex
            let fraction = rest[rest.index(after: rest.startIndex)..<fractionEnd]
            mantissa += fraction
            exponent -= fraction.count
            rest = rest[fractionEnd...]
        }
        if mantissa.allSatisfy({ $0 == "0" || $0 == "-" }) { return 0 }
        if !rest.isEmpty {
            // A non-zero mantissa with an exponent of more than a few digits is out of range
            // or has a fraction either way.
            guard rest.count <= 8, let written = Int(rest.dropFirst()) else { return nil }
            exponent += written
        }
        if exponent < 0 {
            let dropped = mantissa.suffix(-exponent)
            guard dropped.count == -exponent, dropped.allSatisfy({ $0 == "0" }) else { return nil }
            mantissa = mantissa.dropLast(-exponent)
        } else if exponent > 0 {
            guard exponent <= 19 else { return nil }
            mantissa += String(repeating: "0", count: exponent)
        }
        return Int64(mantissa)
    }

    /// The nearest Double, or nil when the magnitude is too large for a Double.
    public var double: Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The literal text.
    public var description: String { text }
}
