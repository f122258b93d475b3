import JSON
import NewsStore

/// The `<head>` tags of a reader's page that link previews and search engines read without
/// running the reader's JavaScript: title, description and canonical address; for an article
/// also Open Graph (WhatsApp, Facebook, Telegram, LinkedIn), the Twitter card (X) and a
/// schema.org `NewsArticle` (search engines); for sections and the home page a website card.
///
/// Every absolute URL starts with the configured public origin, never with the request's
/// `Host`. Without an origin a page gets its title and description only: link previews need
/// the page's own URL (`og:url`), so a card without one would be half a card.
struct SharePreview: Sendable {
    let publication: Publication

    /// What a page's head holds, for the shell to put in place of its own tags.
    struct Head {
        var markup = MarkupWriter(reserving: 4096)
        /// Whether it has a description, which then replaces the shell's.
        private(set) var hasDescription = false

        /// `<title>` and, when there is one, the description: all a page gets without an origin.
        init(title: String, description: String?) {
            markup.element("title", text: title)
            markup.raw("\n")
            name("description", description)
            hasDescription = description != nil
        }

        mutating func canonical(_ url: String) {
            markup.empty("link", ["rel": "canonical", "href": url])
            markup.raw("\n")
        }

        /// `<meta property=… content=…>` (Open Graph), left out when there is no value.
        mutating func property(_ property: String, _ content: String?) {
            guard let content else { return }
            markup.empty("meta", ["property": property, "content": content])
            markup.raw("\n")
        }

        /// `<meta name=… content=…>` (description, Twitter), left out when there is no value.
        mutating func name(_ name: String, _ content: String?) {
            guard let content else { return }
            markup.empty("meta", ["name": name, "content": content])
            markup.raw("\n")
        }

        /// A JSON-LD block.
        mutating func structuredData(_ json: JSONWriter) {
            markup.open("script", ["type": "application/ld+json"])
            markup.scriptData(json)
            markup.close("script")
            markup.raw("\n")
        }
    }

    func article(_ article: Article) -> Head {
        let description = SharePreviewDescription.of(article)
        var head = Head(title: article.title + " — " + publication.displayName, description: description)
        guard let url = publication.articleURL(slug: article.slug), let home = publication.url(path: "/") else { return head }
        head.canonical(url)
        head.property("og:type", "article")
        head.property("og:title", article.title)
        head.property("og:description", description)
        head.property("og:url", url)
        head.property("og:site_name", publication.displayName)
        head.property("og:locale", SharePreviewLocale.openGraph(publication.language))
        if let hero = article.hero {
            head.property("og:image", hero.url)
            head.property("og:image:alt", hero.alt)
        }
        head.property("article:published_time", article.publishedAt?.rfc3339)
        head.property("article:modified_time", article.updatedAt.rfc3339)
        head.property("article:section", article.category?.name)
        for tag in article.tags.elements { head.property("article:tag", tag.name) }
        head.property("article:author", article.author)
        head.name("twitter:card", article.hero == nil ? "summary" : "summary_large_image")
        head.name("twitter:title", article.title)
        head.name("twitter:description", description)
        if let hero = article.hero {
            head.name("twitter:image", hero.url)
            head.name("twitter:image:alt", hero.alt)
        }
        let jsonLD = SharePreviewJSONLD.newsArticle(article, description: description, url: url, publication: publication, publisherURL: home)
        head.structuredData(jsonLD)
        return head
    }

    /// A category's or a tag's page: "name — site", the term's own description.
    func term(_ term: Term) -> Head {
        let description = term.description.flatMap { SharePreviewDescription.trimmed($0) }
        let url = term.kind == .category ? publication.categoryURL(slug: term.slug) : publication.tagURL(slug: term.slug)
        return website(title: term.name + " — " + publication.displayName, cardTitle: term.name, description: description, url: url)
    }

    /// The home page: the site's name; the shell's own description stays.
    func home() -> Head {
        website(title: publication.displayName, cardTitle: publication.displayName, description: nil, url: publication.url(path: "/"))
    }

    private func website(title: String, cardTitle: String, description: String?, url: String?) -> Head {
        var head = Head(title: title, description: description)
        guard let url else { return head }
        head.canonical(url)
        head.property("og:type", "website")
        head.property("og:title", cardTitle)
        head.property("og:description", description)
        head.property("og:url", url)
        head.property("og:site_name", publication.displayName)
        head.property("og:locale", SharePreviewLocale.openGraph(publication.language))
        head.name("twitter:card", "summary")
        return head
    }
}
