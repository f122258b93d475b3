/// Percent-decoding of URI components (RFC 3986 §2.1) into UTF-8 strings.
enum PercentDecoding {
    enum Mode { case pathSegment, formComponent }

    /// Decodes `text`; nil when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    /// In `formComponent` mode `+` stands for a space, as in application/x-www-form-urlencoded
    /// query strings; in a path segment `+` is itself.
    static func decode(_ text: Substring, mode: Mode) -> String? {
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "%")) && (mode == .pathSegment || !utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(RequestParser.hexValue),
                    let low = iterator.next().flatMap(RequestParser.hexValue)
                else { return nil }
                bytes.append(UInt8(high << 4 | low))
            case UInt8(ascii: "+") where mode == .formComponent:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
