import JSON

/// A list an article keeps in its row as JSON (its tags, its cited sources), in the form the
/// API sends. Reads splice these bytes into responses as they are; decoding into values, a
/// tenth of an article read's time when done for every list, happens only where a caller
/// needs the values (the base of a merge patch, tests).
public struct StoredList<Element: StoredListElement>: Sendable, Equatable {
    public let json: [UInt8]

    public init(_ elements: [Element]) {
        var writer = JSONWriter(capacity: 96 * elements.count + 2)
        writer.beginArray()
        for element in elements {
            writer.beginObject()
            element.writeMembers(to: &writer)
            writer.endObject()
        }
        writer.endArray()
        json = writer.bytes
    }

    /// Wraps a list this module wrote earlier (read back from the database).
    init(storedJSON: [UInt8]) {
        json = storedJSON
    }

    /// The values; anything unreadable (never written by this module) reads as nothing.
    public var elements: [Element] {
        guard json.count > 2, let value = try? JSONParser.parse(json) else { return [] }
        return (value.arrayValue ?? []).compactMap(Element.init(stored:))
    }
}

/// A value that can stand in a `StoredList`.
public protocol StoredListElement: Sendable, Equatable {
    func writeMembers(to writer: inout JSONWriter)
    init?(stored value: JSONValue)
}

public typealias TagList = StoredList<TermReference>
public typealias SourceList = StoredList<CitedSource>

extension TermReference: StoredListElement {
    public func writeMembers(to writer: inout JSONWriter) {
        writer.member("id", id)
        writer.member("slug", slug)
        writer.member("name", name)
    }

    public init?(stored value: JSONValue) {
        guard let id = value["id"]?.int64Value, let slug = value["slug"]?.stringValue, let name = value["name"]?.stringValue else {
            return nil
        }
        self.init(id: id, slug: slug, name: name)
    }
}

extension CitedSource: StoredListElement {
    public func writeMembers(to writer: inout JSONWriter) {
        writer.member("name", name)
        writer.member("url", url)
        writer.member("relation", relation)
    }

    public init?(stored value: JSONValue) {
        guard let name = value["name"]?.stringValue else { return nil }
        self.init(name: name, url: value["url"]?.stringValue, relation: value["relation"]?.stringValue)
    }
}
