/// The publication NewsStore serves: the name and language that feeds, sitemaps and share
/// previews announce, and the origin every absolute URL starts with.
///
/// The origin is configured, never taken from a request: a client controls its `Host` header,
/// and a feed or a webhook payload carrying an address it chose would send readers anywhere.
public struct Publication: Sendable, Equatable {
    public static let defaultLanguage = "ar"

    /// `https://news.example`, without a trailing slash; nil until configured, and then every
    /// endpoint that writes absolute URLs answers 503 naming the setting.
    public var origin: String?
    /// The publication's name; when unset, the origin's host stands for it.
    public var name: String?
    /// The language of its articles, a BCP 47 tag (`ar`, `ar-EG`, `en`).
    public var language = Publication.defaultLanguage

    public init(origin: String? = nil, name: String? = nil, language: String = Publication.defaultLanguage) {
        self.origin = origin
        self.name = name
        self.language = language
    }

    /// The name to show: the configured one, else the origin's host.
    public var displayName: String {
        if let name { return name }
        guard let origin else { return "NewsStore" }
        return String(origin.drop(while: { $0 != "/" }).drop(while: { $0 == "/" }))
    }

    /// The reader's address of an article, a category or a tag (`/articles/{slug}` and so on),
    /// slug percent-encoded; nil while no origin is configured.
    public func articleURL(slug: String) -> String? { url(path: "/articles/" + PercentEncoding.pathSegment(slug)) }
    public func categoryURL(slug: String) -> String? { url(path: "/categories/" + PercentEncoding.pathSegment(slug)) }
    public func tagURL(slug: String) -> String? { url(path: "/tags/" + PercentEncoding.pathSegment(slug)) }

    /// `path` (which starts with `/`) under the origin.
    public func url(path: String) -> String? { origin.map { $0 + path } }

    /// The origin `text` names, normalized (lower-case scheme and host, no trailing slash), or
    /// why it is refused: only `http(s)://host[:port]`, since paths under it are the reader's.
    public static func origin(from text: String) -> Result<String, OriginError> {
        let lowered = text.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") {
            scheme = "https://"
        } else if lowered.hasPrefix("http://") {
            scheme = "http://"
        } else {
            return .failure(OriginError("must start with https:// or http://"))
        }
        var authority = Substring(text.dropFirst(scheme.count))
        if authority.hasSuffix("/") { authority = authority.dropLast() }
        guard !authority.isEmpty else { return .failure(OriginError("has no host")) }
        // Control characters too: the origin is written into robots.txt lines and headers.
        guard
            !authority.contains(where: { "/?#@\\".contains($0) || $0 == " " || !$0.isASCII || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? true })
        else {
            return .failure(OriginError("must be an origin only (scheme, host and port; no path, query or user; an IDN host in its xn-- form)"))
        }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            let port = authority[authority.index(after: colon)...]
            guard let number = Int(port), (1...65535).contains(number) else { return .failure(OriginError("has an invalid port")) }
        }
        return .success(scheme + authority.lowercased())
    }

    /// Whether `tag` reads as a BCP 47 language tag: letters, digits and hyphens, 2–35
    /// characters, starting with 2–3 letters.
    public static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...35).contains(tag.count), let first = parts.first, (2...3).contains(first.count),
            first.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    public struct OriginError: Error, CustomStringConvertible, Sendable {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
