import JSON

/// Writes XML and HTML: the one place where text becomes markup. Element and attribute names
/// are string literals (`StaticString`), so no value a client sent can become a name; every
/// value goes through `escape`, so none can become markup. Feeds, sitemaps, share previews and
/// the body renderer all write through it instead of concatenating strings.
struct MarkupWriter {
    private(set) var text = ""

    init(reserving capacity: Int = 4096) { text.reserveCapacity(capacity) }

    var bytes: [UInt8] { Array(text.utf8) }

    /// Markup written by the caller itself, such as an XML declaration.
    mutating func raw(_ markup: StaticString) { text += markup.description }

    /// `<name a="v" …>`; an attribute whose value is nil is left out.
    mutating func open(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        text += "<\(name)"
        for (attribute, value) in attributes {
            guard let value else { continue }
            text += " \(attribute)=\""
            Self.escape(value, into: &text)
            text += "\""
        }
        text += ">"
    }

    /// `<name a="v" …/>`, an element without content: self-closed, which both XML and HTML's
    /// void elements (`meta`, `link`) read.
    mutating func empty(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        open(name, attributes)
        text.removeLast()
        text += "/>"
    }

    mutating func close(_ name: StaticString) { text += "</\(name)>" }

    /// Escaped character data.
    mutating func text(_ value: String) { Self.escape(value, into: &text) }

    /// `<name …>value</name>`.
    mutating func element(_ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text value: String) {
        open(name, attributes)
        text(value)
        close(name)
    }

    /// JSON as the whole content of a `<script>` data block (JSON-LD). HTML decodes no
    /// references there, so the JSON goes in as it is; `JSONWriter` writes `<`, `>` and `&` as
    /// `\u003c`, `\u003e` and `\u0026`, so no value can close the element or open a comment.
    mutating func scriptData(_ json: JSONWriter) { text += String(decoding: json.bytes, as: UTF8.self) }

    /// Markup another writer produced (a rendered body placed inside a feed entry, escaped
    /// once more there as text).
    mutating func append(_ other: MarkupWriter) { text += other.text }

    /// `value` as text that is safe in element content and in quoted attributes of both XML and
    /// HTML: the five special characters as references, and the characters XML 1.0 forbids
    /// (C0 controls but tab and line breaks, U+FFFE/U+FFFF) replaced by U+FFFD, since one such
    /// character makes a whole feed unreadable to a strict parser.
    ///
    /// Every character it changes is ASCII but U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF` in UTF-8),
    /// so it walks the UTF-8 bytes and copies the runs between them whole: a sitemap's 10,000
    /// addresses and a feed's bodies are mostly such runs (a third of a feed's time went to
    /// copying them a character at a time).
    static func escape(_ value: String, into out: inout String) {
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func copyRun() {
                if runStart < index { out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self) }
            }
            while index < bytes.count {
                let replacement: StaticString
                var length = 1
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case 0x09, 0x0A, 0x0D:
                    index += 1
                    continue
                case 0x00...0x1F: replacement = "\u{FFFD}"
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    replacement = "\u{FFFD}"
                    length = 3
                default:
                    index += 1
                    continue
                }
                copyRun()
                out += replacement.description
                index += length
                runStart = index
            }
            copyRun()
        }
    }

    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        escape(value, into: &out)
        return out
    }
}
