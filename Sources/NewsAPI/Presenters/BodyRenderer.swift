import NewsStore

/// Renders body blocks as HTML for clients that want markup. Every text and URL is escaped;
/// URLs were checked to be http(s) on write, so no attribute can carry script.
enum BodyRenderer {
    static func html(_ blocks: [Block]) -> String {
        var html = ""
        for block in blocks {
            switch block {
            case .paragraph(let text):
                html += "<p>\(escape(text))</p>"
            case .heading(let text, let level):
                html += "<h\(level)>\(escape(text))</h\(level)>"
            case .quote(let text):
                html += "<blockquote><p>\(escape(text))</p></blockquote>"
            case .list(let items, let ordered):
                let tag = ordered ? "ol" : "ul"
                html += "<\(tag)>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</\(tag)>"
            case .image(let image):
                html += "<figure><img src=\"\(escape(image.url))\" alt=\"\(escape(image.alt ?? ""))\">"
                let caption = [image.caption, image.credit].compactMap { $0 }.map(escape).joined(separator: " — ")
                if !caption.isEmpty { html += "<figcaption>\(caption)</figcaption>" }
                html += "</figure>"
            }
        }
        return html
    }

    private static func escape(_ text: String) -> String { MarkupWriter.escape(text) }
}
