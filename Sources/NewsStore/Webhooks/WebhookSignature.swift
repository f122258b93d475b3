/// The `webhook-signature` header of Standard Webhooks: `v1,` and the base64 HMAC-SHA256 of
/// `{webhook-id}.{webhook-timestamp}.{body}`, once per secret, separated by spaces. While a
/// rotated-out secret is still valid, both sign, so a receiver that has either verifies.
public enum WebhookSignature {
    /// The header value for a message signed with each of `secrets`, newest first.
    public static func header(id: String, timestamp: Int64, body: [UInt8], secrets: [WebhookSecret]) -> String {
        let signed = Array("\(id).\(timestamp).".utf8) + body
        return secrets.map { "v1," + Base64.encode(HMACSHA256.authenticationCode(for: signed, key: $0.key)) }.joined(separator: " ")
    }
}
