/// HMAC-SHA256 (RFC 2104 with FIPS 180-4's SHA-256), which signs webhook deliveries.
public enum HMACSHA256 {
    private static let blockByteCount = 64

    /// The 32-byte authentication code of `message` under `key`.
    public static func authenticationCode(for message: some Sequence<UInt8>, key: [UInt8]) -> [UInt8] {
        // A key longer than a block is first hashed; a shorter one is padded with zeros.
        var block = key.count > blockByteCount ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: blockByteCount - block.count)
        let inner = SHA256.hash(block.map { $0 ^ 0x36 } + Array(message))
        return SHA256.hash(block.map { $0 ^ 0x5c } + inner)
    }
}
