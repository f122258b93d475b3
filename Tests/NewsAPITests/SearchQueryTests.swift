import HTTP
import JSON
import Testing

@testable import NewsAPI

/// `GET /api/v1/search`'s query: what it refuses, cleanly, and what it takes as plain words
/// however hostile (search syntax, SQL).
@Suite struct SearchQueryTests {
    /// `parameters` (`name=value`) as a query string, each value percent-encoded as a browser's
    /// form would (every byte but the unreserved ASCII ones).
    private static func query(_ parameters: [String]) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let pairs = parameters.map { parameter in
            let parts = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? parts[1].utf8 : Substring().utf8
            let encoded = value.map { byte in
                unreserved.contains(byte) ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
            return parts[0] + "=" + encoded.joined()
        }
        return pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&")
    }

    private func search(_ api: TestAPI, _ parameters: [String]) -> Response {
        api.respond(.get, "/api/v1/search" + Self.query(parameters))
    }

    @Test func badQueriesAreCleanProblemsAndHostileOnesAreJustText() throws {
        let api = try TestAPI()
        defer { api.close() }
        for (title, body) in [
            ("الحكومة السورية تعلن خطة جديدة", "قالت الحكومةُ في دِمَشْقَ إن الخطة تبدأ الشهر المقبل."),
            ("إعادة فتح المعبر", "أعلنت السلطات في حلب إعادة فتح المعبر."),
        ] {
            #expect(api.edit(.post, "/api/v1/articles", #"{"title":"\#(title)","body":"\#(body)","status":"published"}"#).status == .created)
        }
        let refused: [[String]] = [
            [], ["q="], ["q=   "], ["q=«»؟"], ["q=\(String(repeating: "ب", count: 600))"],
            ["q=" + Array(repeating: "كلمة", count: 13).joined(separator: " ")], ["q=دمشق", "limit=0"], ["q=دمشق", "limit=101"],
            ["q=دمشق", "cursor=bogus"], ["q=دمشق", "since=yesterday"], ["q=دمشق", "sort=title"],
        ]
        for parameters in refused {
            let response = search(api, parameters)
            #expect(response.status == .badRequest, "\(parameters)")
            #expect(response.headers["Content-Type"] == "application/problem+json; charset=utf-8", "\(parameters)")
        }
        let junk = (0..<400).map { index in ["\"", "*", "NEAR(", ")", "-", "OR", ":", "^", "دمشق", " ", "{", "'"][index % 12] }.joined()
        for q in ["NEAR(دمشق الحكومة, 2)", "دمشق OR حلب", "-دمشق", "(((", "\"دمشق", "title:دمشق", "'; DROP TABLE articles; --", junk] {
            let status = search(api, ["q=" + String(q.prefix(500))]).status
            #expect(status == .ok || status == .badRequest, "\(q)")
        }
        let found = search(api, ["q=دمشق"])
        #expect(found.status == .ok)
        #expect(found.json["items"]?.arrayValue?.count == 1)
    }
}
