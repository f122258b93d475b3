import Foundation
import Testing

/// The reader's pages as a crawler or a chat app's link preview reads them, without running
/// JavaScript: the real binary serving `web/` with a public URL, the seed article imported,
/// and each page's `<head>` parsed tag by tag.
@Suite struct WebReaderSharePreviewTests {
    static let origin = "https://news.example"
    static let siteName = "أخبار \"المثال\" & شركاه"
    static let slug = "بضغط-من-واشنطن-دمشق-توافق-على-المشاركة-في-حملة-رباعية-ضد-داعش"
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]
    static let shell = try! String(contentsOf: URL(fileURLWithPath: repositoryPath("web/index.html")), encoding: .utf8)

    static func encoded(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-")))!
    }

    /// A server with a public URL and a site name, holding the seed article in سياسة.
    private func seededServer(_ arguments: [String] = ["--public-url", origin, "--site-name", siteName]) throws -> (
        ServerProcess, RawConnection, [String: Any]
    ) {
        let server = try ServerProcess(arguments)
        let client = try server.connect()
        let category = try client.request(
            "POST", "/api/v1/categories", json: ["name": "سياسة", "description": "أخبار السياسة في سوريا والعالم"], headers: Self.auth)
        #expect(category.status == 201)
        let fixture = try Data(contentsOf: URL(fileURLWithPath: repositoryPath("Tests/EndToEndTests/Fixtures/seed-article.json")))
        let created = try client.request(
            "POST", "/api/v1/articles", body: Array(fixture), headers: Self.auth.merging(["Content-Type": "application/json"]) { $1 })
        #expect(created.status == 201)
        return (server, client, created.json)
    }

    @Test func theSeedArticlesPageCarriesEveryPreviewTagWithItsValue() throws {
        let (server, client, article) = try seededServer()
        let page = try client.request("GET", "/articles/" + Self.encoded(Self.slug))
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Content-Security-Policy")?.contains("script-src 'self';") == true)
        #expect(page.header("Cache-Control") == "public, max-age=60, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400")
        let head = try HeadTags(page.bodyText)

        let fixture = try #require(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: repositoryPath("Tests/EndToEndTests/Fixtures/seed-article.json"))))
                as? [String: Any])
        let title = try #require(fixture["title"] as? String)
        let summary = try #require(fixture["summary"] as? String)
        let url = Self.origin + "/articles/" + Self.encoded(Self.slug)
        let updated = try #require(article["updated_at"] as? String)
        #expect(head.titles == [title + " — " + Self.siteName])
        #expect(head.names("description") == [summary], "the summary is under 200 characters, so it is whole")
        #expect(head.links("canonical") == [url])
        let expectedProperties: [(String, [String])] = [
            ("og:type", ["article"]), ("og:title", [title]), ("og:description", [summary]), ("og:url", [url]),
            ("og:site_name", [Self.siteName]), ("og:locale", ["ar_AR"]),
            ("og:image", ["https://example.com/images/syrian-special-forces.jpg"]), ("og:image:alt", ["قوات خاصة سورية"]),
            ("article:published_time", ["2025-07-04T00:00:00Z"]), ("article:modified_time", [updated]),
            ("article:section", ["سياسة"]), ("article:tag", ["سوريا", "داعش", "قسد"]), ("article:author", []),
            ("og:image:width", []), ("og:image:height", []),
        ]
        for (property, values) in expectedProperties {
            #expect(head.properties(property) == values, "\(property)")
        }
        let expectedNames: [(String, [String])] = [
            ("twitter:card", ["summary_large_image"]), ("twitter:title", [title]), ("twitter:description", [summary]),
            ("twitter:image", ["https://example.com/images/syrian-special-forces.jpg"]), ("twitter:image:alt", ["قوات خاصة سورية"]),
        ]
        for (name, values) in expectedNames {
            #expect(head.names(name) == values, "\(name)")
        }

        #expect(head.structuredData.count == 1)
        let ld = try #require(head.structuredData.first)
        #expect(ld["@context"] as? String == "https://schema.org")
        #expect(ld["@type"] as? String == "NewsArticle")
        #expect(ld["headline"] as? String == title)
        #expect(ld["description"] as? String == summary)
        #expect(ld["image"] as? [String] == ["https://example.com/images/syrian-special-forces.jpg"])
        #expect(ld["datePublished"] as? String == "2025-07-04T00:00:00Z")
        #expect(ld["dateModified"] as? String == updated)
        #expect(ld["url"] as? String == url)
        #expect((ld["mainEntityOfPage"] as? [String: String]) == ["@type": "WebPage", "@id": url])
        #expect(ld["articleSection"] as? String == "سياسة")
        #expect(ld["keywords"] as? [String] == ["سوريا", "داعش", "قسد"])
        #expect(ld["inLanguage"] as? String == "ar")
        let publisher = ["@type": "Organization", "name": Self.siteName, "url": Self.origin + "/"]
        #expect((ld["publisher"] as? [String: String]) == publisher)
        #expect((ld["author"] as? [String: String]) == publisher, "without a byline the newsroom is the author")

        // The values are escaped where the markup needs it: the quotes of the title and of the
        // site name as &quot;, the & as &amp;.
        #expect(page.bodyText.contains("دمشق توافق على المشاركة في &quot;حملة رباعية&quot; ضد &quot;داعش&quot;"))
        #expect(page.bodyText.contains("أخبار &quot;المثال&quot; &amp; شركاه"))
        // The rest of the shell is there: the reader's script, the page's skeleton.
        #expect(page.bodyText.contains(#"<script type="module" src="/app.js"></script>"#))
        #expect(page.bodyText.contains(#"<main id="main" tabindex="-1">"#))
        withExtendedLifetime(server) {}
    }

    @Test func aByLineTheArticleIdAndAnArticleWithoutImageOrSummary() throws {
        let (server, client, _) = try seededServer()
        let created = try client.request(
            "POST", "/api/v1/articles",
            json: [
                "title": "خبر قصير", "slug": "short-news", "author": "سارة", "status": "published",
                "body": [["type": "paragraph", "text": String(repeating: "كلمة، ", count: 60) + "\n\nالفقرة الثانية"]],
            ], headers: Self.auth)
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? Int)
        for path in ["/articles/short-news", "/articles/\(id)"] {
            let page = try client.request("GET", path)
            #expect(page.status == 200, "\(path)")
            let head = try HeadTags(page.bodyText)
            #expect(head.links("canonical") == [Self.origin + "/articles/short-news"], "the id's page names the slug's address")
            let description = try #require(head.names("description").first)
            #expect(description.count <= 201 && description.hasSuffix("كلمة…"), "cut at a word, the comma dropped: \(description)")
            #expect(!description.contains("الفقرة الثانية"))
            #expect(head.names("twitter:card") == ["summary"])
            #expect(head.properties("og:image").isEmpty && head.names("twitter:image").isEmpty)
            #expect(head.properties("article:author") == ["سارة"])
            #expect(head.properties("article:section").isEmpty && head.properties("article:tag").isEmpty)
            let ld = try #require(head.structuredData.first)
            #expect((ld["author"] as? [String: String]) == ["@type": "Person", "name": "سارة"])
            #expect(ld["image"] == nil && ld["articleSection"] == nil && ld["keywords"] == nil)
        }
        withExtendedLifetime(server) {}
    }

    @Test func aHostileTitleCannotBreakOutOfTheHeadOrTheJSONLD() throws {
        let (server, client, _) = try seededServer()
        let hostile = "</script><script>alert(1)</script><!-- \" onload=\"x' <title>&amp;"
        let summary = "<img src=x onerror=alert(2)> & \u{2028}"
        let created = try client.request(
            "POST", "/api/v1/articles",
            json: [
                "title": hostile, "slug": "hostile", "summary": summary, "author": "</script>", "status": "published",
                "hero": ["url": "https://example.com/a.jpg?x=\"><script>alert(3)</script>", "alt": "\"><script>alert(4)</script>"],
                "body": [["type": "paragraph", "text": "نص"]],
            ], headers: Self.auth)
        #expect(created.status == 201)
        let page = try client.request("GET", "/articles/hostile")
        #expect(page.status == 200)
        let html = page.bodyText
        #expect(!html.contains("<script>alert"), "no value became a script element")
        #expect(!html.contains("<img"), "no value became an element")
        #expect(html.components(separatedBy: "<script").count - 1 == 2, "the reader's module and the JSON-LD, nothing else")
        #expect(html.components(separatedBy: "</script>").count - 1 == 2)
        #expect(html.components(separatedBy: "<title>").count - 1 == 1)
        let head = try HeadTags(html)
        #expect(head.titles == [hostile + " — " + Self.siteName])
        #expect(head.properties("og:title") == [hostile])
        #expect(head.names("description") == [summary.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(head.properties("og:image:alt") == ["\"><script>alert(4)</script>"])
        let ld = try #require(head.structuredData.first)
        #expect(ld["headline"] as? String == hostile)
        #expect((ld["author"] as? [String: String])?["name"] == "</script>")
        let script = try #require(head.structuredDataText.first)
        for raw in ["<", ">", "&"] { #expect(!script.contains(raw), "JSON-LD holds a raw \(raw)") }
        withExtendedLifetime(server) {}
    }

    @Test func sectionTagAndHomePagesHaveTitleDescriptionAndCanonical() throws {
        let (server, client, article) = try seededServer()
        let tagSlug = try #require((article["tags"] as? [[String: Any]])?.first?["slug"] as? String)
        let category = try HeadTags(try client.request("GET", "/categories/" + Self.encoded("سياسة")).bodyText)
        #expect(category.titles == ["سياسة — " + Self.siteName])
        #expect(category.names("description") == ["أخبار السياسة في سوريا والعالم"])
        #expect(category.links("canonical") == [Self.origin + "/categories/" + Self.encoded("سياسة")])
        #expect(category.properties("og:type") == ["website"])
        #expect(category.properties("og:title") == ["سياسة"])

        let tag = try HeadTags(try client.request("GET", "/tags/" + Self.encoded(tagSlug)).bodyText)
        #expect(tag.titles == ["سوريا — " + Self.siteName])
        #expect(tag.names("description") == ["آخر الأخبار والتقارير، محدّثة على مدار الساعة."], "a tag without a description keeps the shell's")
        #expect(tag.links("canonical") == [Self.origin + "/tags/" + Self.encoded(tagSlug)])

        let homePage = try client.request("GET", "/")
        #expect(homePage.status == 200)
        #expect(homePage.header("Content-Security-Policy") != nil)
        let home = try HeadTags(homePage.bodyText)
        #expect(home.titles == [Self.siteName])
        #expect(home.names("description") == ["آخر الأخبار والتقارير، محدّثة على مدار الساعة."])
        #expect(home.links("canonical") == [Self.origin + "/"])
        #expect(home.properties("og:url") == [Self.origin + "/"])

        // The search page keeps the shell as it is.
        let search = try client.request("GET", "/search?q=x")
        #expect(search.bodyText == Self.shell)
        withExtendedLifetime(server) {}
    }

    @Test func unknownDraftAndScheduledArticlesAre404WithTheShellAndAnOldSlugMoves() throws {
        let (server, client, _) = try seededServer()
        for (slug, status, publishedAt) in [("draft-one", "draft", nil), ("scheduled-one", "published", "2999-01-01T00:00:00Z")] {
            var body: [String: Any] = ["title": slug, "slug": slug, "status": status, "body": [["type": "paragraph", "text": "سر"]]]
            if let publishedAt { body["published_at"] = publishedAt }
            #expect(try client.request("POST", "/api/v1/articles", json: body, headers: Self.auth).status == 201)
        }
        for path in [
            "/articles/draft-one", "/articles/scheduled-one", "/articles/nothing-here", "/articles/999", "/categories/nothing", "/tags/nothing",
        ] {
            let page = try client.request("GET", path, headers: Self.auth)
            #expect(page.status == 404, "\(path): an editor's token does not make a page show a draft")
            #expect(page.header("Content-Type") == "text/html; charset=utf-8", "\(path)")
            #expect(page.header("Content-Security-Policy") != nil, "\(path)")
            #expect(page.bodyText == Self.shell, "\(path)")
        }
        let moved = try client.request(
            "PATCH", "/api/v1/articles/" + Self.encoded(Self.slug), json: ["slug": "damascus-joins-campaign"], headers: Self.auth)
        #expect(moved.status == 200)
        let redirect = try client.request("GET", "/articles/" + Self.encoded(Self.slug) + "?utm_source=whatsapp")
        #expect(redirect.status == 301)
        #expect(redirect.header("Location") == "/articles/damascus-joins-campaign?utm_source=whatsapp")
        let followed = try CommandResult.curl([
            "--location", "--output", "/dev/null", "--write-out", "%{http_code} %{url_effective}",
            server.url + "/articles/" + Self.encoded(Self.slug),
        ])
        #expect(followed.output == "200 \(server.url)/articles/damascus-joins-campaign")
        let head = try HeadTags(try client.request("GET", "/articles/damascus-joins-campaign").bodyText)
        #expect(head.links("canonical") == [Self.origin + "/articles/damascus-joins-campaign"])
    }

    @Test func withoutAPublicURLPagesHaveTitleAndDescriptionButNoAbsoluteURLAndNeverTheHost() throws {
        let (server, _, _) = try seededServer(["--site-name", Self.siteName])
        for path in ["/articles/" + Self.encoded(Self.slug), "/categories/" + Self.encoded("سياسة"), "/"] {
            let page = try CommandResult.curl(["--header", "Host: attacker.example", server.url + path])
            let head = try HeadTags(page.output)
            #expect(head.titles.count == 1 && head.titles[0].hasSuffix(Self.siteName), "\(path)")
            #expect(head.names("description").count == 1, "\(path)")
            #expect(head.links("canonical").isEmpty && head.properties("og:url").isEmpty, "\(path)")
            #expect(head.structuredData.isEmpty, "\(path)")
            let headText = page.output.components(separatedBy: "</head>")[0]
            #expect(!headText.contains("://"), "\(path) has an absolute URL without a public URL")
            #expect(!page.output.contains("attacker.example"), "\(path)")
        }
    }

    @Test func entityTagsRevalidateAndChangeWithTheArticleAndHeadHasNoBody() throws {
        let (server, client, _) = try seededServer()
        let path = "/articles/" + Self.encoded(Self.slug)
        let first = try client.request("GET", path)
        let tag = try #require(first.header("ETag"))
        let again = try client.request("GET", path, headers: ["If-None-Match": tag])
        #expect(again.status == 304)
        #expect(again.header("ETag") == tag)
        #expect(again.header("Content-Security-Policy") != nil)
        let head = try client.request("HEAD", path)
        #expect(head.status == 200)
        #expect(head.header("Content-Length") == "\(first.body.count)")
        #expect(head.body.isEmpty)

        #expect(
            try client.request("PATCH", "/api/v1/articles/" + Self.encoded(Self.slug), json: ["title": "عنوان جديد"], headers: Self.auth).status
                == 200)
        let changed = try client.request("GET", path, headers: ["If-None-Match": tag])
        #expect(changed.status == 200, "the page changed with its article")
        #expect(changed.header("ETag") != tag)
        #expect(try HeadTags(changed.bodyText).properties("og:title") == ["عنوان جديد"])
        withExtendedLifetime(server) {}
    }
}

/// The `<head>` of a page, read as a crawler reads it: `<title>`, `<meta>` and `<link>` tags
/// with their attributes, entity references decoded, and the JSON-LD blocks parsed.
struct HeadTags {
    var titles: [String] = []
    /// Each `<meta>` and `<link>` as its attributes.
    var metas: [[String: String]] = []
    var linkTags: [[String: String]] = []
    var structuredDataText: [String] = []
    var structuredData: [[String: Any]] = []

    init(_ html: String) throws {
        let headEnd = try #require(html.range(of: "</head>"), "the page has no </head>")
        let head = String(html[..<headEnd.lowerBound])
        let attribute = try NSRegularExpression(pattern: #"([a-zA-Z][a-zA-Z0-9:_-]*)="([^"]*)""#)
        func attributes(_ tag: String) -> [String: String] {
            var result: [String: String] = [:]
            for match in attribute.matches(in: tag, range: NSRange(tag.startIndex..., in: tag)) {
                result[String(tag[Range(match.range(at: 1), in: tag)!])] = Self.decoded(String(tag[Range(match.range(at: 2), in: tag)!]))
            }
            return result
        }
        let element = try NSRegularExpression(
            pattern: #"<(meta|link)\b([^>]*)>|<title>([^<]*)</title>|<script type="application/ld\+json">([^<]*)</script>"#)
        for match in element.matches(in: head, range: NSRange(head.startIndex..., in: head)) {
            func group(_ index: Int) -> String? { Range(match.range(at: index), in: head).map { String(head[$0]) } }
            if let name = group(1), let rest = group(2) {
                if name == "meta" { metas.append(attributes(rest)) } else { linkTags.append(attributes(rest)) }
            } else if let title = group(3) {
                titles.append(Self.decoded(title))
            } else if let json = group(4) {
                structuredDataText.append(json)
                structuredData.append(try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]))
            }
        }
    }

    func properties(_ property: String) -> [String] { metas.filter { $0["property"] == property }.compactMap { $0["content"] } }
    func names(_ name: String) -> [String] { metas.filter { $0["name"] == name }.compactMap { $0["content"] } }
    func links(_ rel: String) -> [String] { linkTags.filter { $0["rel"] == rel }.compactMap { $0["href"] } }

    /// The five references `MarkupWriter` writes; a crawler's parser decodes them so.
    static func decoded(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
