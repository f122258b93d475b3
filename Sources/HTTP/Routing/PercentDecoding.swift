/// Percent-decoding of URI components (RFC 3986 §2.1) into UTF-8 strings.
enum PercentDecoding {
    enum Mode { case pathSegment, formComponent }

    /// Decodes `text`; nil when a `%` is not followed by two hex digits or the bytes are not UTF-8.
    /// In `formComponent` mode `+` stands for a space, as in application/x-www-form-urlencoded
    /// query strings; in a path segment `+` is itself.
    static func decode(_ text: Substring, mode: Mode) -> String? {
        // Through a pointer, as `split(ascii:)` walks a path: a slug of Arabic letters is a
        // hundred and more escaped bytes, and stepping `utf8`'s indices checks each one.
        func decoded(_ utf8: UnsafeBufferPointer<UInt8>) -> String? {
            guard utf8.contains(UInt8(ascii: "%")) || (mode == .formComponent && utf8.contains(UInt8(ascii: "+"))) else {
                return String(text)
            }
            var bytes = [UInt8]()
            bytes.reserveCapacity(utf8.count)
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                index += 1
                switch byte {
                case UInt8(ascii: "%"):
                    guard index + 1 < utf8.count, let high = RequestParser.hexValue(utf8[index]),
                        let low = RequestParser.hexValue(utf8[index + 1])
                    else { return nil }
                    bytes.append(UInt8(high << 4 | low))
                    index += 2
                case UInt8(ascii: "+") where mode == .formComponent:
                    bytes.append(UInt8(ascii: " "))
                default:
                    bytes.append(byte)
                }
            }
            return String(validating: bytes, as: UTF8.self)
        }
        return text.utf8.withContiguousStorageIfAvailable(decoded) ?? Array(text.utf8).withUnsafeBufferPointer(decoded)
    }
}
