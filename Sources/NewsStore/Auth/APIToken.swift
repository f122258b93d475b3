/// Bearer tokens for the write API: `ns_` followed by 32 random bytes in base64url (46 characters).
/// Only the SHA-256 hex digest is stored, so a leaked database does not leak usable tokens.
public enum APIToken {
    /// A new token and its digest; show `plaintext` to the user once and store only `hash`.
    public static func generate() -> (plaintext: String, hash: String) {
        let plaintext = prefix + Base64URL.encode(SecureRandom.bytes(count: randomByteCount))
        return (plaintext, hash(plaintext))
    }

    /// The lowercase hex SHA-256 digest under which `plaintext` is stored and looked up.
    public static func hash(_ plaintext: String) -> String {
        SHA256.hexDigest(plaintext)
    }

    /// Whether `plaintext` has the shape of a generated token, to turn away garbage before hashing.
    public static func looksValid(_ plaintext: String) -> Bool {
        // The length check comes first so an oversized header is never decoded.
        guard plaintext.utf8.count == prefix.utf8.count + encodedLength,
            plaintext.utf8.starts(with: prefix.utf8)
        else { return false }
        let body = String(decoding: plaintext.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
        return Base64URL.decode(body)?.count == randomByteCount
    }

    /// Marks the string as a NewsStore token for people and secret scanners.
    private static let prefix = "ns_"
    /// 256 bits, beyond any guessing.
    private static let randomByteCount = 32
    /// ⌈32 × 8 / 6⌉ unpadded base64url characters.
    private static let encodedLength = 43
}
