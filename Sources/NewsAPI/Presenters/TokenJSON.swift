import JSON
import NewsStore

/// Writes API tokens as the API's JSON: never the token itself, except once, when it is made.
enum TokenJSON {
    /// A token; with `plaintext` only in the answer that created it.
    static func token(_ token: TokenInfo, plaintext: String? = nil) -> [UInt8] {
        var writer = JSONWriter()
        write(token, plaintext: plaintext, to: &writer)
        return writer.bytes
    }

    static func list(_ tokens: [TokenInfo]) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for token in tokens { write(token, plaintext: nil, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func write(_ token: TokenInfo, plaintext: String?, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", token.id)
        writer.member("name", token.name)
        writer.member("role", token.role.rawValue)
        writer.member("created_at", token.createdAt)
        writer.member("expires_at", token.expiresAt)
        writer.member("last_used_at", token.lastUsedAt)
        writer.member("revoked_at", token.revokedAt)
        if let plaintext { writer.member("token", plaintext) }
        writer.endObject()
    }
}
