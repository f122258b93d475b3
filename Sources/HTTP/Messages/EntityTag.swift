/// Strong entity tags computed from the bytes of a representation, so the tag changes exactly
/// when what the client would receive changes, and the conditional-request comparisons of
/// RFC 9110 §13.1.
public enum EntityTag {
    /// `"` + 16 hex digits + `"`.
    public static func of(_ body: ArraySlice<UInt8>) -> String {
        let hash = hash64(body)
        return String(unsafeUninitializedCapacity: 18) { text in
            text[0] = UInt8(ascii: "\"")
            for digit in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: hash >> (60 - 4 * digit)) & 0xF
                text[1 + digit] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            text[17] = UInt8(ascii: "\"")
            return 18
        }
    }

    /// A 64-bit hash that reads 32 bytes per step in two independent lanes, each folding 16
    /// bytes with one 64×64→128-bit multiply (wyhash's construction: a detail's ~10 KB body
    /// is hashed on every read, and this takes less than half the instructions of a multiply
    /// and shift per word); equal bytes give equal tags across runs. A lane's product is zero
    /// only when one of its words equals a constant or the lane's state, a 2⁻⁶⁴ chance per
    /// block. Lanes are fully mixed before they are combined. It detects changes, it does not
    /// resist attackers (none gains from a collision here).
    private static func hash64(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let seed: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        // Lanes and offset are locals of the closure, and words are read off its base pointer:
        // kept outside, or read through the buffer, they went through memory and a nil check
        // on every step, twice the instructions of the arithmetic.
        return bytes.withUnsafeBytes { raw -> UInt64 in
            var lane0 = seed
            var lane1 = seed ^ 0x9E37_79B9_7F4A_7C15
            var offset = 0
            if let base = raw.baseAddress {
                while offset + 32 <= raw.count {
                    lane0 = fold(
                        base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0xA076_1D64_78BD_642F,
                        base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self) ^ lane0)
                    lane1 = fold(
                        base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self) ^ 0xE703_7ED1_A0B4_28DB,
                        base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self) ^ lane1)
                    offset += 32
                }
            }
            var hash = step(avalanche(lane0), avalanche(lane1))
            while offset + 8 <= raw.count {
                hash = step(hash, raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            var tail: UInt64 = 0
            while offset < raw.count {
                tail = tail << 8 | UInt64(raw[offset])
                offset += 1
            }
            return avalanche(step(hash, tail))
        }
    }

    /// Two words into one: the high and low halves of their full product, xored.
    @inline(__always) private static func fold(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return product.high ^ product.low
    }

    /// One word into a running hash.
    @inline(__always) private static func step(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return mixed ^ (mixed >> 29)
    }

    /// A bijective mix in which every input bit changes about half the output bits
    /// (MurmurHash3's 64-bit finalizer).
    @inline(__always) private static func avalanche(_ value: UInt64) -> UInt64 {
        var value = value
        value ^= value >> 33
        value &*= 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
        value &*= 0xC4CE_B9FE_1A85_EC53
        return value ^ (value >> 33)
    }

    /// Whether `If-None-Match` lists `tag` (weak comparison, as RFC 9110 §13.1.2 asks).
    public static func noneMatch(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = trimmingOWS(candidate)
            return trimmed == "*" || (trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed) == tag
        }
    }

    /// Whether `If-Match` lists `tag` (strong comparison: a weak tag never matches).
    public static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = trimmingOWS(candidate)
            return trimmed == "*" || trimmed == tag
        }
    }

    /// A list element without the optional white space (space, tab) around it (RFC 9110 §5.6.1).
    private static func trimmingOWS(_ element: Substring) -> Substring {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = element.firstIndex(where: { !isOWS($0) }), let last = element.lastIndex(where: { !isOWS($0) }) else {
            return Substring()
        }
        return element[first...last]
    }
}
