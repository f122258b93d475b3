/// Base64 with the URL- and filename-safe alphabet (RFC 4648 §5), without padding: the form of
/// API tokens and opaque pagination cursors, which travel in headers and query strings.
public enum Base64URL {
    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Base64Alphabet.urlSafe.encode(bytes, padded: false)
    }

    /// The bytes encoded by `text`, or nil unless it is canonical unpadded base64url.
    ///
    /// Padding, characters outside the alphabet, impossible lengths and non-zero unused trailing
    /// bits are all rejected, so every byte string has exactly one accepted spelling.
    public static func decode(_ text: String) -> [UInt8]? {
        Base64Alphabet.urlSafe.decode(text, padded: false)
    }
}
