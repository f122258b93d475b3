import JSON
import NewsStore

/// Writes revisions, their listings and diffs as the API's JSON.
enum RevisionJSON {
    static func page(_ page: RevisionPage, at now: Timestamp) -> [UInt8] {
        var writer = JSONWriter(capacity: 256 + page.items.count * 256)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for revision in page.items {
            writer.beginObject()
            members(of: revision, at: now, to: &writer)
            writer.endObject()
        }
        writer.endArray()
        writer.member("next_cursor", page.nextCursor?.token)
        writer.endObject()
        return writer.bytes
    }

    /// A revision with the article as it was, under `article`.
    static func detail(_ detail: RevisionDetail, at now: Timestamp) -> [UInt8] {
        var writer = JSONWriter(capacity: 512 + detail.snapshot.json.count)
        writer.beginObject()
        members(of: detail.revision, at: now, to: &writer)
        writer.rawMember("article", detail.snapshot.json)
        writer.endObject()
        return writer.bytes
    }

    /// `changes` holds one member per changed field in the snapshot's order: `{old, new}`,
    /// or for the body `{blocks: [...]}` with one entry per added, removed or changed block.
    static func diff(_ diff: RevisionDiff, from number: Int64, against comparison: RevisionService.Comparison) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("from", number)
        switch comparison {
        case .current: writer.member("to", "current")
        case .revision(let other): writer.member("to", other)
        }
        writer.key("changes")
        writer.beginObject()
        for change in diff.changes {
            switch change {
            case .value(let field, let old, let new):
                writer.escapedKey(field)
                writer.beginObject()
                writer.member("old", old)
                writer.member("new", new)
                writer.endObject()
            case .body(let blocks):
                writer.key("body")
                writer.beginObject()
                writer.key("blocks")
                writer.beginArray()
                for block in blocks { blockChange(block, to: &writer) }
                writer.endArray()
                writer.endObject()
            }
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }

    private static func blockChange(_ change: BlockChange, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("change", change.kind.rawValue)
        if let index = change.oldIndex { writer.member("old_index", index) }
        if let index = change.newIndex { writer.member("new_index", index) }
        if let old = change.old { writer.member("old", old) }
        if let new = change.new { writer.member("new", new) }
        writer.endObject()
    }

    private static func members(of revision: Revision, at now: Timestamp, to writer: inout JSONWriter) {
        writer.member("number", revision.number)
        writer.member("created_at", revision.at)
        writer.member("identity", revision.identity)
        writer.member("role", revision.role)
        writer.member("action", revision.action.rawValue)
        writer.key("changed")
        writer.beginArray()
        for field in revision.changed { writer.string(field) }
        writer.endArray()
        writer.member("restored_from", revision.restoredFrom)
        writer.member("public", revision.wasPublic(at: now))
    }
}
