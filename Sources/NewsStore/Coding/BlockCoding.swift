import JSON

/// The JSON form of body blocks and images, used for storage and by the API:
/// `{"type":"paragraph"|"quote","text"}`, `{"type":"heading","text","level"}`,
/// `{"type":"list","items":[...],"ordered"}`, `{"type":"image","url","alt","caption","credit"}`.
public enum BlockCoding {
    public static func write(_ blocks: [Block], to writer: inout JSONWriter) {
        writer.beginArray()
        for block in blocks { write(block, to: &writer) }
        writer.endArray()
    }

    public static func write(_ block: Block, to writer: inout JSONWriter) {
        writer.beginObject()
        switch block {
        case .paragraph(let text), .quote(let text):
            writer.key("type")
            writer.string(block.typeName)
            writer.key("text")
            writer.string(text)
        case .heading(let text, let level):
            writer.key("type")
            writer.string("heading")
            writer.key("text")
            writer.string(text)
            writer.key("level")
            writer.int(level)
        case .list(let items, let ordered):
            writer.key("type")
            writer.string("list")
            writer.key("items")
            writer.beginArray()
            for item in items { writer.string(item) }
            writer.endArray()
            writer.key("ordered")
            writer.bool(ordered)
        case .image(let image):
            writer.key("type")
            writer.string("image")
            writeMembers(of: image, to: &writer)
        }
        writer.endObject()
    }

    public static func write(_ image: Block.Image, to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(of: image, to: &writer)
        writer.endObject()
    }

    private static func writeMembers(of image: Block.Image, to writer: inout JSONWriter) {
        writer.key("url")
        writer.string(image.url)
        writer.member("alt", image.alt)
        writer.member("caption", image.caption)
        writer.member("credit", image.credit)
    }

    /// Reads blocks, reporting each malformed one at its JSON Pointer and skipping it.
    public static func decodeBlocks(_ value: JSONValue, at pointer: String, errors: inout [FieldError]) -> [Block] {
        guard case .array(let elements) = value else {
            errors.append(FieldError(pointer, "must be an array of blocks or a string"))
            return []
        }
        return elements.enumerated().compactMap { index, element in
            decodeBlock(element, at: "\(pointer)/\(index)", errors: &errors)
        }
    }

    static func decodeBlock(_ value: JSONValue, at pointer: String, errors: inout [FieldError]) -> Block? {
        var reader = ObjectReader(value, at: pointer)
        defer { errors += reader.errors }
        guard reader.isObject else { return nil }
        guard let type = reader.string("type", required: true) else { return nil }
        let block: Block?
        switch type {
        case "paragraph", "quote":
            let text = reader.string("text", required: true) ?? ""
            block = type == "paragraph" ? .paragraph(text) : .quote(text)
        case "heading":
            let text = reader.string("text", required: true) ?? ""
            block = .heading(text, level: reader.integer("level").map(Int.init) ?? 2)
        case "list":
            block = .list(items: reader.strings("items", required: true) ?? [], ordered: reader.bool("ordered") ?? false)
        case "image":
            block = reader.image().map(Block.image)
        default:
            reader.fail("type", "must be paragraph, heading, quote, list or image")
            return nil
        }
        reader.rejectUnreadMembers()
        return block
    }

    /// Reads an image object `{url, alt, caption, credit}`.
    public static func decodeImage(_ value: JSONValue, at pointer: String, errors: inout [FieldError]) -> Block.Image? {
        var reader = ObjectReader(value, at: pointer)
        defer { errors += reader.errors }
        guard reader.isObject else { return nil }
        let image = reader.image()
        reader.rejectUnreadMembers()
        return image
    }
}

extension Block {
    /// The block's `type` in JSON.
    public var typeName: String {
        switch self {
        case .paragraph: "paragraph"
        case .heading: "heading"
        case .quote: "quote"
        case .list: "list"
        case .image: "image"
        }
    }
}
