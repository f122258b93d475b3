/// The base64 encoding of RFC 4648 over one of its two alphabets: the bit shuffling that
/// `Base64` (standard, padded) and `Base64URL` (URL-safe, unpadded) share.
struct Base64Alphabet {
    private let characters: [UInt8]
    /// `+/` for the standard alphabet, `-_` for the URL-safe one.
    private let last: (UInt8, UInt8)

    static let standard = Base64Alphabet(last: ("+", "/"))
    static let urlSafe = Base64Alphabet(last: ("-", "_"))

    private init(last: (Character, Character)) {
        self.last = (last.0.asciiValue!, last.1.asciiValue!)
        characters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\(last.0)\(last.1)".utf8)
    }

    /// The text of `bytes`, with `=` padding to a multiple of four characters when `padded`.
    func encode(_ bytes: some Sequence<UInt8>, padded: Bool) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 4 / 3 + 3)
        var bits: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            bits = bits << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 6 {
                bitCount -= 6
                text.append(characters[Int(bits >> UInt32(bitCount) & 0x3F)])
            }
            bits &= (1 << UInt32(bitCount)) - 1
        }
        if bitCount > 0 {
            text.append(characters[Int(bits << UInt32(6 - bitCount) & 0x3F)])
        }
        if padded {
            while text.count % 4 != 0 { text.append(UInt8(ascii: "=")) }
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes encoded by `text`, or nil unless it is the canonical encoding: padded to a
    /// multiple of four characters exactly when `padded`, only alphabet characters, a possible
    /// length, and zero unused trailing bits, so every byte string has one accepted spelling.
    func decode(_ text: String, padded: Bool) -> [UInt8]? {
        var utf8 = Substring(text).utf8[...]
        if padded {
            guard utf8.count % 4 == 0 else { return nil }
            for _ in 0..<2 where utf8.last == UInt8(ascii: "=") { utf8 = utf8.dropLast() }
        }
        // One character carries 6 bits, less than a byte: no encoder produces it.
        guard utf8.count % 4 != 1 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count * 3 / 4)
        var bits: UInt32 = 0
        var bitCount = 0
        for character in utf8 {
            guard let value = sextet(character) else { return nil }
            bits = bits << 6 | value
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                bytes.append(UInt8(truncatingIfNeeded: bits >> UInt32(bitCount)))
                bits &= (1 << UInt32(bitCount)) - 1
            }
        }
        // The 2 or 4 bits left over after the last byte are zero in the canonical encoding.
        return bits == 0 ? bytes : nil
    }

    /// The 6-bit value of an alphabet character, nil for anything else (including `=`).
    private func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case last.0: 62
        case last.1: 63
        default: nil
        }
    }
}
