/// Base64 with the standard alphabet and `=` padding (RFC 4648 §4): the form Standard Webhooks
/// uses for secrets (`whsec_…`) and signatures.
public enum Base64 {
    /// The padded base64 text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Base64Alphabet.standard.encode(bytes, padded: true)
    }

    /// The bytes encoded by `text`, or nil unless it is canonical padded base64.
    public static func decode(_ text: String) -> [UInt8]? {
        Base64Alphabet.standard.decode(text, padded: true)
    }
}
