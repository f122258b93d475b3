/// Strong entity tags computed from the bytes of a representation, so the tag changes exactly
/// when what the client would receive changes, and the conditional-request comparisons of
/// RFC 9110 §13.1.
public enum EntityTag {
    /// `"` + 16 hex digits + `"`.
    public static func of(_ body: ArraySlice<UInt8>) -> String {
        let hash = hash64(body)
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// A 64-bit hash that reads eight bytes per step; equal bytes give equal tags across runs.
    /// It detects changes, it does not resist attackers (none gains from a collision here).
    private static func hash64(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                hash = (hash ^ word) &* multiplier
                hash ^= hash >> 29
                offset += 8
            }
            var tail: UInt64 = 0
            while offset < raw.count {
                tail = tail << 8 | UInt64(raw[offset])
                offset += 1
            }
            hash = (hash ^ tail) &* multiplier
        }
        hash ^= hash >> 32
        hash = hash &* multiplier
        return hash ^ (hash >> 29)
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
