import JSON
import NewsStore

/// Preview links as the API writes them. Only the answer to a creation carries the link's
/// address, since the token in it is stored nowhere.
enum PreviewLinkJSON {
    /// The new link with `url` (the reader's page) and `apiURL` (the JSON the page reads).
    static func created(_ link: PreviewLink, url: String, apiURL: String, at now: Timestamp) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        members(link, at: now, to: &writer)
        writer.member("url", url)
        writer.member("api_url", apiURL)
        writer.endObject()
        return writer.bytes
    }

    static func list(_ links: [PreviewLink], at now: Timestamp) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + links.count * 256)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for link in links {
            writer.beginObject()
            members(link, at: now, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func members(_ link: PreviewLink, at now: Timestamp, to writer: inout JSONWriter) {
        writer.member("id", link.id)
        writer.member("article_id", link.articleID)
        writer.member("status", link.state(at: now).rawValue)
        writer.member("created_by", link.createdBy)
        writer.member("created_at", link.createdAt)
        writer.member("expires_at", link.expiresAt)
        writer.member("revoked_at", link.revokedAt)
    }
}
