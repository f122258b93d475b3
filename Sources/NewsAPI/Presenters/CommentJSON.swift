import JSON
import NewsStore

/// Writes comments as the API's JSON. The public shapes are written member by member from a
/// fixed list, so a reader's answer cannot carry the email or the client address whatever the
/// model holds; only the moderators' shape (`moderated`) names them.
enum CommentJSON {
    /// The answer to a reader's POST: `{"id", "status"}`.
    static func accepted(_ comment: Comment) -> [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        writer.member("id", comment.id)
        writer.member("status", comment.status.rawValue)
        writer.endObject()
        return writer.bytes
    }

    /// An article's public comments: `{id, parent_id, author_name, body, created_at}` each,
    /// `{id, parent_id, deleted: true, created_at}` for a tombstone.
    static func publicPage(_ page: CommentPage<Comment>) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + page.items.count * 512)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for comment in page.items {
            writer.beginObject()
            publicMembers(comment, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor?.token)
        writer.endObject()
        return writer.bytes
    }

    /// A comment's public members, for readers' pages and for comment events.
    static func publicMembers(_ comment: Comment, to writer: inout JSONWriter) {
        writer.member("id", comment.id)
        writer.member("parent_id", comment.parentID)
        if comment.isDeleted {
            writer.member("deleted", true)
        } else {
            writer.member("author_name", comment.authorName)
            writer.member("body", comment.body)
        }
        writer.member("created_at", comment.createdAt)
    }

    /// The moderation queue.
    static func moderationPage(_ page: CommentPage<ModeratedComment>) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + page.items.count * 768)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in page.items { moderated(item, to: &writer) }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor?.token)
        writer.endObject()
        return writer.bytes
    }

    /// One comment as moderators see it, after a PATCH.
    static func moderated(_ item: ModeratedComment) -> [UInt8] {
        var writer = JSONWriter(capacity: 768)
        moderated(item, to: &writer)
        return writer.bytes
    }

    private static func moderated(_ item: ModeratedComment, to writer: inout JSONWriter) {
        let comment = item.comment
        writer.beginObject()
        writer.member("id", comment.id)
        writer.key("article")
        writer.beginObject()
        writer.member("id", item.article.id)
        writer.member("slug", item.article.slug)
        writer.member("title", item.article.title)
        writer.endObject()
        writer.member("parent_id", comment.parentID)
        writer.member("status", comment.status.rawValue)
        writer.member("author_name", comment.authorName)
        writer.member("author_email", comment.authorEmail)
        writer.member("body", comment.body)
        writer.member("client_address", comment.clientAddress)
        writer.member("created_at", comment.createdAt)
        writer.member("updated_at", comment.updatedAt)
        writer.endObject()
    }

    static func ban(_ ban: CommentBan) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        write(ban, to: &writer)
        return writer.bytes
    }

    static func bans(_ bans: [CommentBan]) -> [UInt8] {
        var writer = JSONWriter(capacity: 128 + bans.count * 256)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for ban in bans { write(ban, to: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }

    private static func write(_ ban: CommentBan, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", ban.id)
        writer.member("email", ban.email)
        writer.member("address", ban.address)
        writer.member("reason", ban.reason)
        writer.member("created_at", ban.createdAt)
        writer.member("expires_at", ban.expiresAt)
        writer.endObject()
    }
}
