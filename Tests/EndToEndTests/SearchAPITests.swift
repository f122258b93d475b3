import Foundation
import Testing

/// `GET /api/v1/search` against the real binary, with curl as a reader's browser would ask.
@Suite struct SearchAPITests {
    private func post(_ server: ServerProcess, _ path: String, _ json: String) throws -> CommandResult {
        try CommandResult.curl([
            "--header", "Authorization: Bearer \(ServerProcess.adminToken)", "--json", json, "\(server.url)\(path)",
        ])
    }

    /// Asks for `query` (curl encodes it) and returns the status and the parsed body.
    private func search(_ server: ServerProcess, _ query: String, _ extra: [String] = []) throws -> (status: Int, body: [String: Any]) {
        let result = try CommandResult.curl(
            ["--get", "--write-out", "\n%{http_code}", "--data-urlencode", "q=\(query)"] + extra.flatMap { ["--data-urlencode", $0] }
                + ["\(server.url)/api/v1/search"])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.last ?? "") ?? 0
        let json = lines.dropLast().joined(separator: "\n")
        return (status, (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:])
    }

    private func titles(_ body: [String: Any]) -> [String] {
        (body["items"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
    }

    static let articles: [(title: String, body: String)] = [
        ("الحكومة السورية تعلن خطة جديدة", "قالت الحكومةُ في دِمَشْقَ إن الخطة تبدأ الشهر المقبل."),
        ("مستشفيات غزة تحت الضغط", "تعمل المستشفيات بطاقة تفوق ٣٥٠٠ مريض يومياً."),
        ("افتتاح مستشفى جديد في عمّان", "افتتح المستشفى أبوابه للمرضى."),
        ("المعلمون يطالبون بزيادة الأجور", "قالت معلمة إن الرواتب لا تكفي، ووافقت المعلمات على الإضراب."),
        ("ترتيبات أمنية جديدة", "اتفق الطرفان على ترتيبات أمنية على الحدود."),
        ("المنطقة الآمنة في الشمال", "أعلنت المنطقة الآمنة للمدنيين."),
        ("مائة عام على التأسيس", "احتفلت المدينة بمرور مئة عام."),
        ("إعادة فتح المعبر", "أعلنت السلطات إعادة فتح المعبر أمام المسافرين."),
        ("طائرتان تهبطان اضطراريا", "هبطت الطائرتان في مطار صغير."),
        ("تحديث جديد لتطبيق WhatsApp", "أطلق تطبيق واتساب ميزة جديدة."),
    ]

    private func load(_ server: ServerProcess) throws {
        for article in Self.articles {
            let json = try String(
                data: JSONSerialization.data(withJSONObject: [
                    "title": article.title, "body": article.body, "status": "published", "published_at": "2025-07-04T10:00:00Z",
                ]), encoding: .utf8)!
            #expect(try post(server, "/api/v1/articles", json).output.contains("\"id\""))
        }
        _ = try post(server, "/api/v1/articles", #"{"title":"مسودة عن المستشفى","body":"لا تظهر","status":"draft"}"#)
    }

    @Test func arabicFormsAreFoundAsReadersTypeThem() throws {
        let server = try ServerProcess()
        try load(server)
        let cases: [(query: String, expected: Set<String>)] = [
            ("دمشق", ["الحكومة السورية تعلن خطة جديدة"]),  // diacritized in the text
            ("حكومة", ["الحكومة السورية تعلن خطة جديدة"]),  // ة typed, article and case ending written
            ("الحكومه", ["الحكومة السورية تعلن خطة جديدة"]),  // ه for ة
            ("مستشفى", ["مستشفيات غزة تحت الضغط", "افتتاح مستشفى جديد في عمّان"]),  // plural, ى
            ("مستشفي", ["مستشفيات غزة تحت الضغط", "افتتاح مستشفى جديد في عمّان"]),  // ي for ى
            ("عمان", ["افتتاح مستشفى جديد في عمّان"]),  // shadda
            ("معلم", ["المعلمون يطالبون بزيادة الأجور"]),  // feminine and plurals
            ("أمن", ["ترتيبات أمنية جديدة"]),  // not الآمنة
            ("مئة", ["مائة عام على التأسيس"]),  // both spellings of "hundred"
            ("طائرة", ["طائرتان تهبطان اضطراريا"]),  // the dual
            ("3500", ["مستشفيات غزة تحت الضغط"]),  // Arabic-Indic digits in the text
            ("whatsapp", ["تحديث جديد لتطبيق WhatsApp"]),
            ("اعادة", ["إعادة فتح المعبر"]),  // bare alef for إ
            ("آعادة", ["إعادة فتح المعبر"]),  // any alef form typed
            ("السلطات", ["إعادة فتح المعبر"]),
            ("ديناصور", []),
        ]
        for (query, expected) in cases {
            let (status, body) = try search(server, query)
            #expect(status == 200, "\(query)")
            #expect(Set(titles(body)) == expected, "\(query)")
        }
    }

    @Test func hitsCarryMarkedTitleAndEscapedSnippet() throws {
        let server = try ServerProcess()
        try load(server)
        let (status, body) = try search(server, "دمشق")
        #expect(status == 200)
        let hit = try #require((body["items"] as? [[String: Any]])?.first)
        #expect(hit["snippet_html"] as? String == "قالت الحكومةُ في <mark>دِمَشْقَ</mark> إن الخطة تبدأ الشهر المقبل.")
        #expect(hit["title_html"] as? String == "الحكومة السورية تعلن خطة جديدة")
        #expect(hit["slug"] as? String == "الحكومة-السورية-تعلن-خطة-جديدة")
        #expect(body.keys.contains("next_cursor"))

        _ = try post(server, "/api/v1/articles", #"{"title":"<script>alert(1)</script> دمشق","body":"a < b & c","status":"published"}"#)
        let escaped = try search(server, "دمشق script").body
        let item = try #require((escaped["items"] as? [[String: Any]])?.first)
        #expect(item["title_html"] as? String == "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>دمشق</mark>")
    }

    @Test func pagesFollowTheCursorAndCachingHeadersAreSet() throws {
        let server = try ServerProcess()
        for index in 0..<7 {
            _ = try post(server, "/api/v1/articles", #"{"title":"خبر \#(index) عن الاقتصاد","body":"نص","status":"published"}"#)
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let (status, body) = try search(server, "اقتصاد", ["limit=3"] + (cursor.map { ["cursor=\($0)"] } ?? []))
            #expect(status == 200)
            seen += titles(body)
            cursor = body["next_cursor"] as? String
        } while cursor != nil
        #expect(seen.count == 7 && Set(seen).count == 7)

        let headers = try CommandResult.curl(["--include", "--get", "--data-urlencode", "q=اقتصاد", "\(server.url)/api/v1/search"]).output
        #expect(headers.contains("\r\nETag: \""))
        #expect(headers.contains("\r\nCache-Control: public, max-age=60, s-maxage=86400, stale-while-revalidate=30, stale-if-error=86400\r\n"))
    }

    @Test func aClientSearchingTooFastGets429WhileOthersGoOn() throws {
        let server = try ServerProcess(["--searches-burst", "2", "--searches-per-minute", "1"])
        func status(_ headers: [String]) throws -> String {
            try CommandResult.curl(
                ["--get", "--output", "/dev/null", "--write-out", "%{http_code} %header{retry-after}", "--data-urlencode", "q=دمشق"]
                    + headers.flatMap { ["--header", $0] } + ["\(server.url)/api/v1/search"]
            ).output
        }
        let reader = "X-Forwarded-For: 203.0.113.5"
        #expect(try status([reader]) == "200 ")
        #expect(try status([reader]) == "200 ")
        #expect(try status([reader]) == "429 60")
        // Another reader behind the same proxy, and the machine itself, are not held back.
        #expect(try status(["X-Forwarded-For: 203.0.113.6"]) == "200 ")
        #expect(try status([]) == "200 ")
    }
}
