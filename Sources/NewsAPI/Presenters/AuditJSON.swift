import JSON
import NewsStore

/// Writes audit log rows as the API's JSON (and `newsstore audit --json`, one row a line).
public enum AuditJSON {
    static func page(_ page: AuditPage) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + page.entries.count * 320)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for entry in page.entries { write(entry, to: &writer) }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor)
        writer.endObject()
        return writer.bytes
    }

    /// One row as a JSON object, as the API's `items` hold it.
    public static func entry(_ entry: AuditEntry) -> [UInt8] {
        var writer = JSONWriter(capacity: 320)
        write(entry, to: &writer)
        return writer.bytes
    }

    private static func write(_ entry: AuditEntry, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", entry.id)
        writer.member("at", entry.at)
        writer.member("identity", entry.identity)
        writer.member("role", entry.role)
        writer.member("client_address", entry.clientAddress)
        writer.member("request_id", entry.requestID)
        writer.member("action", entry.action)
        writer.member("object", entry.object)
        writer.member("summary", entry.summary)
        writer.endObject()
    }
}
