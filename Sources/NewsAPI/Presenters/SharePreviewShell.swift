import HTTP

/// The reader's page shell (`web/index.html`) with a page's rendered head put in at its marker
/// line. The rendered `<title>` replaces the shell's own, and a rendered description the
/// shell's `<meta name="description">`, since a page has one of each; the shell's stay as the
/// defaults for a page that brings none, and for the reader when it is served elsewhere.
///
/// A shell without the marker (a reader folder of one's own) is served as it is.
struct SharePreviewShell: Sendable {
    /// The line in the shell's `<head>` where the rendered tags go.
    static let marker = "<!-- newsstore:head -->"

    let file: StaticFile
    /// The shell around the marker, without its title, and without or with its description.
    private let withoutDescription: (before: String, after: String)?
    private let withDescription: (before: String, after: String)?

    init(_ file: StaticFile) {
        self.file = file
        let text = String(decoding: file.body, as: UTF8.self)
        let head = text.firstRange(of: "</head>").map { text[..<$0.lowerBound] } ?? text[...]
        guard var marker = head.firstRange(of: Self.marker) else {
            withoutDescription = nil
            withDescription = nil
            return
        }
        if marker.upperBound < text.endIndex, text[marker.upperBound].isNewline { marker = marker.lowerBound..<text.index(after: marker.upperBound) }
        let title = Self.line(in: head, from: "<title>", to: "</title>")
        let description = Self.line(in: head, from: "<meta name=\"description\"", to: ">")
        withoutDescription = Self.split(text, at: marker, removing: [title, description].compactMap { $0 })
        withDescription = Self.split(text, at: marker, removing: [title].compactMap { $0 })
    }

    /// The page with `head` in place.
    func page(_ head: SharePreview.Head) -> [UInt8] {
        guard let parts = head.hasDescription ? withoutDescription : withDescription else { return file.body }
        var page = parts.before
        page.reserveCapacity(parts.before.utf8.count + head.markup.text.utf8.count + parts.after.utf8.count)
        page += head.markup.text
        page += parts.after
        return Array(page.utf8)
    }

    /// The range of the element from `start` to the end of `end`, with the line break after it.
    private static func line(in head: Substring, from start: String, to end: String) -> Range<String.Index>? {
        guard let opening = head.firstRange(of: start), let closing = head[opening.upperBound...].firstRange(of: end) else { return nil }
        var upper = closing.upperBound
        if upper < head.endIndex, head[upper].isNewline { upper = head.index(after: upper) }
        return opening.lowerBound..<upper
    }

    /// The text before and after the marker, with the marker and the `removed` ranges left out.
    private static func split(_ text: String, at marker: Range<String.Index>, removing removed: [Range<String.Index>]) -> (String, String) {
        func copy(_ range: Range<String.Index>) -> String {
            var result = ""
            var position = range.lowerBound
            for cut in removed.sorted(by: { $0.lowerBound < $1.lowerBound }) where range.contains(cut.lowerBound) {
                result += text[position..<cut.lowerBound]
                position = cut.upperBound
            }
            result += text[position..<range.upperBound]
            return result
        }
        return (copy(text.startIndex..<marker.lowerBound), copy(marker.upperBound..<text.endIndex))
    }
}
