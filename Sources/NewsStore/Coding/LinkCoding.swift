import JSON

/// The JSON copies of an article's tags and cited sources kept in its row (`tags_json`,
/// `sources_json`), in the same shape the API sends them.
enum LinkCoding {
    static func json(_ tags: [TermReference]) -> String {
        var writer = JSONWriter(capacity: 64 * tags.count + 2)
        writer.beginArray()
        for tag in tags {
            writer.beginObject()
            writer.member("id", tag.id)
            writer.member("slug", tag.slug)
            writer.member("name", tag.name)
            writer.endObject()
        }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func json(_ sources: [CitedSource]) -> String {
        var writer = JSONWriter(capacity: 96 * sources.count + 2)
        writer.beginArray()
        for source in sources {
            writer.beginObject()
            writer.member("name", source.name)
            writer.member("url", source.url)
            writer.member("relation", source.relation)
            writer.endObject()
        }
        writer.endArray()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Reads a copy this module wrote; anything unreadable reads as no tags.
    static func tags(_ json: [UInt8]?) -> [TermReference] {
        elements(json).compactMap { element in
            guard let id = element["id"]?.int64Value, let slug = element["slug"]?.stringValue,
                let name = element["name"]?.stringValue
            else { return nil }
            return TermReference(id: id, slug: slug, name: name)
        }
    }

    static func sources(_ json: [UInt8]?) -> [CitedSource] {
        elements(json).compactMap { element in
            element["name"]?.stringValue.map {
                CitedSource(name: $0, url: element["url"]?.stringValue, relation: element["relation"]?.stringValue)
            }
        }
    }

    private static func elements(_ json: [UInt8]?) -> [JSONValue] {
        guard let json, json.count > 2, let value = try? JSONParser.parse(json) else { return [] }
        return value.arrayValue ?? []
    }
}
