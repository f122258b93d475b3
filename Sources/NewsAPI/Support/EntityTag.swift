import HTTP
import NewsStore

/// Strong entity tags computed from the bytes of a representation, so the tag changes exactly
/// when what the client would receive changes (a new article version, a renamed category, a
/// newly published article in a listing), live counters aside (see `TaggedJSON`).
enum EntityTag {
    /// `"` + 16 hex digits + `"`.
    static func of(_ body: ArraySlice<UInt8>) -> String {
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
    static func noneMatch(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingWhitespace
            return trimmed == "*" || (trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed) == tag
        }
    }

    /// Whether `If-Match` lists `tag` (strong comparison: a weak tag never matches).
    static func matches(_ header: String, _ tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            let trimmed = candidate.trimmingWhitespace
            return trimmed == "*" || trimmed == tag
        }
    }
}
