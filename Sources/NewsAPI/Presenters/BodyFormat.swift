/// How an article body is sent: typed blocks (default), safe HTML, or plain text.
enum BodyFormat: String, Sendable {
    case blocks, html, text
}
