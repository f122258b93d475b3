import HTTP
import JSON
import NewsStore
import Testing

@testable import NewsAPI

/// The parts of a share preview that need no server: the description's cut, the Open Graph
/// locale, the head's escaping and the shell's marker.
@Suite struct SharePreviewTests {
    private func article(title: String = "عنوان", summary: String? = nil, body: [Block] = [], hero: HeroImage? = nil) -> Article {
        Article(
            id: 7, slug: "خبر-عاجل", title: title, summary: summary, body: ArticleBody(body), hero: hero, author: nil, sources: SourceList([]),
            category: TermReference(id: 1, slug: "politics", name: "سياسة"), tags: TagList([TermReference(id: 2, slug: "syria", name: "سوريا")]),
            status: .published, publishedAt: Timestamp(milliseconds: 1_751_587_200_000), createdAt: Timestamp(milliseconds: 0),
            updatedAt: Timestamp(milliseconds: 1_751_590_800_000), views: 0, version: 1, related: [])
    }

    @Test func theDescriptionIsTheSummaryElseTheFirstParagraphCutAtAWord() {
        #expect(SharePreviewDescription.of(article(summary: "  ملخص\nقصير  ", body: [.paragraph("فقرة")])) == "ملخص قصير")
        #expect(
            SharePreviewDescription.of(article(summary: " ", body: [.heading("عنوان فرعي", level: 2), .paragraph("الفقرة الأولى")]))
                == "الفقرة الأولى")
        #expect(SharePreviewDescription.of(article(body: [.image(HeroImage(url: "https://x.example/a.jpg"))])) == nil)

        let long = String(repeating: "كلمة ", count: 50) + "أخيرة، تالية"
        let cut = SharePreviewDescription.trimmed(long)!
        #expect(cut.count <= 201)
        #expect(cut.hasSuffix("كلمة…"))
        #expect(!cut.contains("  "))
        let comma = SharePreviewDescription.trimmed("أ، ب، ج، د", length: 5)!
        #expect(comma == "أ، ب…", "the comma before the cut is dropped")
        #expect(SharePreviewDescription.trimmed(String(repeating: "ا", count: 300))!.count == 200)
        #expect(SharePreviewDescription.trimmed(String(repeating: "ا", count: 200)) == String(repeating: "ا", count: 200))
    }

    @Test func theOpenGraphLocaleFollowsTheSiteLanguage() {
        #expect(SharePreviewLocale.openGraph("ar") == "ar_AR")
        #expect(SharePreviewLocale.openGraph("ar-EG") == "ar_EG")
        #expect(SharePreviewLocale.openGraph("en") == "en_US")
        #expect(SharePreviewLocale.openGraph("zh-Hant-tw") == "zh_TW")
        #expect(SharePreviewLocale.openGraph("xyz") == nil)
    }

    @Test func valuesAreEscapedAndTheJSONLDCannotEndItsScript() throws {
        let hostile = "</script><script>alert(1)</script> \"&'"
        let preview = SharePreview(publication: Publication(origin: "https://news.example", name: "<b>site</b>"))
        let head = preview.article(article(title: hostile, summary: hostile, hero: HeroImage(url: "https://x.example/a.jpg", alt: hostile)))
        let text = head.markup.text
        #expect(text.components(separatedBy: "<script").count == 2, "one JSON-LD block, no other script")
        #expect(text.components(separatedBy: "</script>").count == 2)
        #expect(!text.contains("<b>"))
        #expect(text.contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39; — &lt;b&gt;site&lt;/b&gt;</title>"))
        #expect(text.contains(#"<meta property="og:image:alt" content="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#39;"/>"#))
        let script = try #require(text.split(separator: #"<script type="application/ld+json">"#).last?.split(separator: "</script>").first)
        #expect(!script.contains("<") && !script.contains(">") && !script.contains("&"))
        let json = try JSONParser.parse(Array(script.utf8))
        #expect(json["headline"]?.stringValue == hostile)
        #expect(json["url"]?.stringValue == "https://news.example/articles/%D8%AE%D8%A8%D8%B1-%D8%B9%D8%A7%D8%AC%D9%84")
        #expect(json["datePublished"]?.stringValue == "2025-07-04T00:00:00Z")
        #expect(json["dateModified"]?.stringValue == "2025-07-04T01:00:00Z")
    }

    @Test func withoutAnOriginOnlyTitleAndDescription() {
        let head = SharePreview(publication: Publication()).article(article(summary: "ملخص", hero: HeroImage(url: "https://x.example/a.jpg")))
        #expect(head.markup.text == "<title>عنوان — NewsStore</title>\n<meta name=\"description\" content=\"ملخص\"/>\n")
    }

    @Test func theShellTakesTheHeadAtItsMarkerInPlaceOfItsTitleAndDescription() {
        let shell =
            "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<!-- newsstore:head -->\n<title>الموقع</title>\n"
            + "<meta name=\"description\" content=\"الافتراضي\">\n<script type=\"module\" src=\"/app.js\"></script>\n</head>\n<body><title>x</title></body>\n</html>\n"
        let page = SharePreviewShell(StaticFile(path: "/index.html", body: Array(shell.utf8)))
        let preview = SharePreview(publication: Publication(name: "الموقع"))
        let withDescription = String(decoding: page.page(preview.article(article(summary: "ملخص"))), as: UTF8.self)
        #expect(
            withDescription
                == "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>عنوان — الموقع</title>\n<meta name=\"description\" content=\"ملخص\"/>\n"
                + "<script type=\"module\" src=\"/app.js\"></script>\n</head>\n<body><title>x</title></body>\n</html>\n")
        let home = String(decoding: page.page(preview.home()), as: UTF8.self)
        #expect(
            home
                == "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>الموقع</title>\n<meta name=\"description\" content=\"الافتراضي\">\n"
                + "<script type=\"module\" src=\"/app.js\"></script>\n</head>\n<body><title>x</title></body>\n</html>\n")
        let unmarked = StaticFile(path: "/index.html", body: Array("<html><title>t</title></html>".utf8))
        #expect(SharePreviewShell(unmarked).page(preview.home()) == unmarked.body, "a shell without the marker is served as it is")
    }
}
