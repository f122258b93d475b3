/// Checks UTF-8 against Unicode's table of well-formed byte sequences (Unicode 15, table 3-7),
/// which rules out overlong forms, encoded surrogates, values above U+10FFFF and truncation.
enum UTF8Validation {
    /// The length of the well-formed multi-byte sequence starting at `index`, or nil if the bytes there are not one.
    static func multiByteSequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        let length: Int
        var secondByteRange: ClosedRange<UInt8> = 0x80...0xBF
        switch bytes[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondByteRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondByteRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondByteRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondByteRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= bytes.count, secondByteRange.contains(bytes[index + 1]) else { return nil }
        for continuation in index + 2..<index + length where bytes[continuation] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }
}
