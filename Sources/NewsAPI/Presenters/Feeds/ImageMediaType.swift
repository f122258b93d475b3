/// The media type of an image, read from its address's file extension: what RSS's `enclosure`
/// and Atom's enclosure link must state. Nil when the extension does not say; the image is
/// then announced without a type only (Media RSS).
enum ImageMediaType {
    static func of(_ url: String) -> String? {
        var path = Substring(url)
        if let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<end] }
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        return switch path[path.index(after: dot)...].lowercased() {
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "avif": "image/avif"
        case "svg": "image/svg+xml"
        default: nil
        }
    }
}
