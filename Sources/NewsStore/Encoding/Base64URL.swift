/// Base64 with the URL- and filename-safe alphabet (RFC 4648 §5), without padding: the form of
/// API tokens and opaque pagination cursors, which travel in headers and query strings.
public enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 4 / 3 + 3)
        var bits: UInt32 = 0
        var bitCount = 0
        for byte in bytes {
            bits = bits << 8 | UInt32(byte)
            bitCount += 8
            while bitCount >= 6 {
                bitCount -= 6
                text.append(alphabet[Int(bits >> UInt32(bitCount) & 0x3F)])
            }
            bits &= (1 << UInt32(bitCount)) - 1
        }
        if bitCount > 0 {
            text.append(alphabet[Int(bits << UInt32(6 - bitCount) & 0x3F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes encoded by `text`, or nil unless it is canonical unpadded base64url.
    ///
    /// Padding, characters outside the alphabet, impossible lengths and non-zero unused trailing
    /// bits are all rejected, so every byte string has exactly one accepted spelling.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = text.utf8
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

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The 6-bit value of an alphabet character, nil for anything else (including `=`).
    private static func sextet(_ character: UInt8) -> UInt32? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
        case UInt8(ascii: "-"): 62
        case UInt8(ascii: "_"): 63
        default: nil
        }
    }
}
