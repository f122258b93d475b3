/// The secret of a preview link: 32 random bytes in base64url (43 characters), the last
/// segment of `/preview/{token}`. Only its SHA-256 hex digest is stored, as for API tokens.
public enum PreviewToken {
    /// A new token and its digest; the token goes to the caller once, the digest to the database.
    static func generate() -> (plaintext: String, hash: String) {
        let plaintext = Base64URL.encode(SecureRandom.bytes(count: randomByteCount))
        return (plaintext, hash(plaintext))
    }

    static func hash(_ plaintext: String) -> String {
        SHA256.hexDigest(plaintext)
    }

    /// Whether `plaintext` has the shape of a generated token, so that garbage from an address
    /// bar is turned away before any hashing or lookup.
    static func looksValid(_ plaintext: String) -> Bool {
        plaintext.utf8.count == encodedLength && Base64URL.decode(plaintext)?.count == randomByteCount
    }

    /// 256 bits, beyond any guessing.
    private static let randomByteCount = 32
    /// ⌈32 × 8 / 6⌉ unpadded base64url characters.
    private static let encodedLength = 43
}
