/// Finds the end of a run of string bytes that need no escaping or checking, eight bytes at a
/// time, because long stretches of plain text dominate the cost of reading and writing JSON.
enum PlainRunScanner {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or after `start` that is a quote, a backslash or a control
    /// character, or, when `stopAtNonASCII` is set, 0x80 or above; `bytes.count` if there is none.
    @inline(__always)
    static func endOfPlainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, stopAtNonASCII: Bool) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if containsSpecialByte(word, stopAtNonASCII: stopAtNonASCII) { break }
                index += 8
            }
        }
        while index < bytes.count, isPlain(bytes[index], stopAtNonASCII: stopAtNonASCII) {
            index += 1
        }
        return index
    }

    @inline(__always)
    private static func isPlain(_ byte: UInt8, stopAtNonASCII: Bool) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && (byte < 0x80 || !stopAtNonASCII)
    }

    /// Whether any byte of the word may be special. The control-character test can also flag a
    /// plain byte above a special one, which only ends the fast loop early.
    @inline(__always)
    private static func containsSpecialByte(_ word: UInt64, stopAtNonASCII: Bool) -> Bool {
        let quote = hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\""))))
        let backslash = hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\\"))))
        let control = (word &- ones &* 0x20) & ~word & highBits
        let nonASCII = stopAtNonASCII ? word & highBits : 0
        return quote | backslash | control | nonASCII != 0
    }

    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }
}
