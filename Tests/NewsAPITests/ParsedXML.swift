import Foundation
import FoundationXML
import Testing

/// An XML document parsed by Foundation's `XMLParser` (a real, strict parser: an unescaped
/// `<` or `&` in a value fails the parse), as a tree the feed and sitemap tests can walk.
final class ParsedXML {
    let name: String
    let attributes: [String: String]
    var text = ""
    var children: [ParsedXML] = []

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// The children named `name` (qualified as written, `media:content`).
    func all(_ name: String) -> [ParsedXML] { children.filter { $0.name == name } }

    func first(_ name: String) -> ParsedXML? { children.first { $0.name == name } }

    /// The text of the first child named `name`.
    subscript(name: String) -> String? { first(name)?.text }

    /// Parses `bytes`, or records why it cannot.
    static func parse(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedXML {
        let builder = Builder()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = builder
        let parsed = parser.parse()
        #expect(parsed, "not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
        return try #require(builder.root, sourceLocation: sourceLocation)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: ParsedXML?
        var stack: [ParsedXML] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = ParsedXML(name: name, attributes: attributes)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
