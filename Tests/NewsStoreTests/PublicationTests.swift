import NewsStore
import Testing

@Suite struct PublicationTests {
    @Test(arguments: [
        ("https://news.example", "https://news.example"),
        ("HTTPS://News.Example/", "https://news.example"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("https://[::1]:8443", "https://[::1]:8443"),
    ])
    func originsAreNormalized(text: String, origin: String) throws {
        #expect(try Publication.origin(from: text).get() == origin)
    }

    @Test(arguments: [
        "news.example", "ftp://news.example", "https://", "https://news.example/ar", "https://news.example?x=1",
        "https://user@news.example", "https://news.example:0", "https://news.example:99999", "https://أخبار.example",
        "https://news.example#top",
        // Control characters would start a new line of robots.txt (`Sitemap:` lines).
        "https://news.example\nDisallow: x", "https://news.example\r\n", "https://news\u{7F}.example", "https://news.example\t",
    ])
    func anythingButAnOriginIsRefused(text: String) {
        #expect(throws: Publication.OriginError.self) { try Publication.origin(from: text).get() }
    }

    @Test func urlsAreUnderTheOriginWithSlugsPercentEncoded() {
        let site = Publication(origin: "https://news.example")
        #expect(site.articleURL(slug: "قوات-خاصة") == "https://news.example/articles/%D9%82%D9%88%D8%A7%D8%AA-%D8%AE%D8%A7%D8%B5%D8%A9")
        #expect(site.categoryURL(slug: "politics") == "https://news.example/categories/politics")
        #expect(site.tagURL(slug: "a b") == "https://news.example/tags/a%20b")
        #expect(site.displayName == "news.example")
        #expect(Publication().articleURL(slug: "x") == nil)
        #expect(Publication(origin: "https://news.example", name: "أخبار اليوم").displayName == "أخبار اليوم")
    }

    @Test func languageTagsAreChecked() {
        for tag in ["ar", "ar-EG", "en", "zh-Hant-TW"] { #expect(Publication.isLanguageTag(tag), "\(tag)") }
        for tag in ["", "a", "arabic", "ar_EG", "ar-", "عربي", "ar-EG-toolongsubtag"] { #expect(!Publication.isLanguageTag(tag), "\(tag)") }
    }
}
