/// Finds the end of a run of string bytes that need no escaping or checking, eight bytes at a
/// time, because long stretches of plain text dominate the cost of reading and writing JSON.
enum PlainRunScanner {
    /// Which bytes end a run, besides the quote, the backslash and control characters that
    /// always do.
    enum Stops {
        /// Reading: every byte of 0x80 or above too, so multi-byte UTF-8 is validated.
        case nonASCII
        /// Writing: `<`, `>`, `&` and 0xE2, the lead byte of U+2028 and U+2029, too, so the
        /// writer can escape what would let JSON inlined in HTML or a script break out of it.
        case inlineUnsafe
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or after `start` that is a quote, a backslash, a control
    /// character or one of `stops`; `bytes.count` if there is none.
    @inline(__always)
    static func endOfPlainRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, stops: Stops) -> Int {
        var index = start
        if let base = bytes.baseAddress, bytes.count >= 8 {
            let lastWordStart = bytes.count &- 8
            while index <= lastWordStart {
                // Little-endian order puts the word's first byte lowest, where the mask's exact
                // lowest bit is.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let special = specialBytes(word, stops: stops)
                if special != 0 { return index + special.trailingZeroBitCount / 8 }
                index &+= 8
            }
        }
        while index < bytes.count, isPlain(bytes[index], stops: stops) {
            index += 1
        }
        return index
    }

    @inline(__always)
    private static func isPlain(_ byte: UInt8, stops: Stops) -> Bool {
        guard byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") else { return false }
        switch stops {
        case .nonASCII: return byte < 0x80
        case .inlineUnsafe: return byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&") && byte != 0xE2
        }
    }

    /// The high bit of each byte of the word that may be special: zero when none is, and the
    /// lowest bit set always marks a special byte. (A borrow in the subtractions can also flag
    /// a plain byte, but only above a special one.)
    @inline(__always)
    private static func specialBytes(_ word: UInt64, stops: Stops) -> UInt64 {
        let backslash = hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\\"))))
        let control = (word &- ones &* 0x20) & ~word & highBits
        switch stops {
        case .nonASCII:
            let quote = hasZeroByte(word ^ (ones &* UInt64(UInt8(ascii: "\""))))
            return quote | backslash | control | word & highBits
        case .inlineUnsafe:
            // Pairs that differ in one bit share a test: setting the bit maps `"` (0x22) onto
            // `&` (0x26) and `<` (0x3C) onto `>` (0x3E), and no other byte onto either.
            let quoteOrAmpersand = hasZeroByte((word | ones &* 0x04) ^ (ones &* UInt64(UInt8(ascii: "&"))))
            let angleBracket = hasZeroByte((word | ones &* 0x02) ^ (ones &* UInt64(UInt8(ascii: ">"))))
            let separatorLead = hasZeroByte(word ^ (ones &* 0xE2))
            return quoteOrAmpersand | angleBracket | separatorLead | backslash | control
        }
    }

    @inline(__always)
    private static func hasZeroByte(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highBits
    }
}
