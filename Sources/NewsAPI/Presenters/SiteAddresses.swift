import HTTP
import NewsStore

/// The publication's absolute addresses, for presenters that may only be written with the
/// configured origin (feeds, sitemaps, robots.txt): a request's `Host` is never used instead.
struct SiteAddresses {
    let publication: Publication
    /// `https://news.example`.
    let origin: String

    /// Nil while no public URL is configured.
    init?(_ publication: Publication) {
        guard let origin = publication.origin else { return nil }
        self.publication = publication
        self.origin = origin
    }

    /// The addresses, or the 503 that names the missing setting.
    static func required(_ publication: Publication) throws -> SiteAddresses {
        guard let addresses = SiteAddresses(publication) else { throw ProblemDetails.publicURLMissing }
        return addresses
    }

    // `Publication` answers nil only without an origin, which `init` ruled out.

    /// `path` (starting with `/`) under the origin.
    func url(_ path: String) -> String { publication.url(path: path)! }

    func article(slug: String) -> String { publication.articleURL(slug: slug)! }

    func term(_ kind: TermKind, slug: String) -> String {
        kind == .category ? publication.categoryURL(slug: slug)! : publication.tagURL(slug: slug)!
    }
}
