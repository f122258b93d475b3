/// A subscription's signing secret in the Standard Webhooks form: `whsec_` and the base64 of
/// 32 random bytes. The bytes (not the text) are the HMAC key.
public struct WebhookSecret: Sendable, Equatable {
    public static let prefix = "whsec_"
    private static let keyByteCount = 32

    /// `whsec_…`, as shown to the subscriber once and stored.
    public let text: String
    /// The HMAC-SHA256 key.
    public let key: [UInt8]

    /// A new secret from the kernel's secure generator.
    static func generate() -> WebhookSecret {
        let key = SecureRandom.bytes(count: keyByteCount)
        return WebhookSecret(text: prefix + Base64.encode(key), key: key)
    }

    /// The secret `text` spells; nil unless it is `whsec_` and canonical base64.
    public init?(_ text: String) {
        guard text.hasPrefix(Self.prefix), let key = Base64.decode(String(text.dropFirst(Self.prefix.count))), !key.isEmpty else {
            return nil
        }
        self.init(text: text, key: key)
    }

    private init(text: String, key: [UInt8]) {
        self.text = text
        self.key = key
    }
}
