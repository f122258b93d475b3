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
    static func escape(_ value: String, into out: inout String) {
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        escape(value, into: &out)
        return out
    }
}
