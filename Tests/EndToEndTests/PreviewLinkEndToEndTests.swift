import Foundation
import Testing

/// A preview link through the real binary and curl, serving the repository's `web/`: made by
/// an editor, opened with no token (page and JSON), revoked, and followed after publication.
@Suite struct PreviewLinkEndToEndTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The status line and the headers of `url` (redirects not followed), lower-cased names.
    private func head(_ url: String) throws -> (status: Int, headers: [String: String]) {
        let result = try CommandResult.curl(["--output", "/dev/null", "--dump-header", "-", url])
        let lines = result.output.components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return (status, headers)
    }

    @Test func aDraftIsReadWithNoTokenUntilRevokedAndLeadsToTheArticleOncePublished() throws {
        let server = try ServerProcess(["--web-root", repositoryPath("web")])
        let bearer = "Authorization: Bearer \(ServerProcess.adminToken)"
        let api = server.url + "/api/v1"
        let draft = try json(
            try CommandResult.curl(["-H", bearer, "--json", #"{"title":"مسودة للمعاينة","body":"نص","slug":"مسودة"}"#, api + "/articles"]).output)
        let id = try #require(draft["id"] as? Int)
        let links = "\(api)/articles/\(id)/preview-links"
        let first = try json(try CommandResult.curl(["-H", bearer, "--json", #"{"expires_in":"2h"}"#, links]).output)
        let second = try json(try CommandResult.curl(["-H", bearer, "--json", "{}", links]).output)
        let page = try #require(first["url"] as? String)
        #expect(page.hasPrefix("/preview/"))

        for address in [server.url + page, server.url + (try #require(first["api_url"] as? String))] {
            let (status, headers) = try head(address)
            #expect(status == 200, "\(address)")
            #expect(headers["cache-control"] == "private, no-store", "\(address)")
            #expect(headers["x-robots-tag"] == "noindex", "\(address)")
        }
        let shown = try json(try CommandResult.curl([server.url + (first["api_url"] as! String)]).output)
        #expect(shown["title"] as? String == "مسودة للمعاينة")
        let html = try CommandResult.curl([server.url + page]).output
        #expect(html.contains(#"<meta name="robots" content="noindex"/>"#))
        #expect(html.contains("<title>مسودة للمعاينة — "))
        #expect(try head("\(api)/articles/\(id)").status == 404, "the draft itself stays hidden")

        let secondID = try #require(second["id"] as? Int)
        _ = try CommandResult.curl(["-X", "DELETE", "-H", bearer, "\(links)/\(secondID)"])
        #expect(try head(server.url + (second["api_url"] as! String)).status == 410)
        #expect(try head(server.url + (second["url"] as! String)).status == 410)

        _ = try CommandResult.curl(["-X", "PATCH", "-H", bearer, "--json", #"{"status":"published"}"#, "\(api)/articles/\(id)"])
        let moved = try head(server.url + page)
        #expect(moved.status == 302)
        #expect(moved.headers["location"] == "/articles/%D9%85%D8%B3%D9%88%D8%AF%D8%A9")
        let movedAPI = try head(server.url + (first["api_url"] as! String))
        #expect(movedAPI.status == 302)
        #expect(movedAPI.headers["location"] == "/api/v1/articles/%D9%85%D8%B3%D9%88%D8%AF%D8%A9")
        #expect(try head(server.url + (second["url"] as! String)).status == 410, "a revoked link stays gone")
    }
}
