import Foundation
import Testing

/// Listings must not let anonymous requests grow the server's memory: every distinct SQL text
/// used to be compiled and kept forever on each reader connection, and a listing's SQL grew
/// with every repeated `tag=`. A sweep of such requests took a server from 18 MiB to 843 MiB.
@Suite struct ListingMemoryTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    /// The resident set size of process `pid` in bytes, from `/proc/<pid>/status`.
    static func residentBytes(of pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        let kilobytes = try #require(Int(line.split(separator: " ").dropFirst().first ?? ""))
        return kilobytes * 1024
    }

    /// The listing of the sweep's `index`th request: one tag repeated hundreds of times (a
    /// different number each time, as the URL's 8 KiB allows), under a changing combination
    /// of the other filters, so each request used to be a new SQL text.
    static func sweepTarget(_ index: Int) -> String {
        let repeats = 100 + (index * 7) % 580
        var parameters = Array(repeating: "tag=t0", count: repeats)
        if index & 1 != 0 { parameters.append("sort=published_at") }
        if index & 2 != 0 { parameters.append("since=2020-01-01") }
        if index & 4 != 0 { parameters.append("author=x") }
        if index & 8 != 0 { parameters.append("category=c") }
        return "/api/v1/articles?" + parameters.joined(separator: "&")
    }

    /// Sends the repeated-tag sweep and checks the server's resident memory stays bounded.
    ///
    /// Sent from loopback without `X-Forwarded-For`: a read rate limit would otherwise stop
    /// the sweep long before it tests memory, and per-client limits exempt loopback.
    @Test func repeatedTagSweepKeepsResidentMemoryBounded() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        let category = try connection.request("POST", "/api/v1/categories", json: ["name": "قسم", "slug": "c"], headers: Self.auth)
        #expect(category.status == 201)
        let tags = (0..<12).map { "t\($0)" }
        let article: [String: Any] = [
            "title": "خبر", "status": "published", "category": "c", "tags": tags,
            "body": [["type": "paragraph", "text": "نص"]],
        ]
        #expect(try connection.request("POST", "/api/v1/articles", json: article, headers: Self.auth).status == 201)

        // Warm up: every listing shape once, so what follows measures growth, not first use.
        for index in 0..<32 { _ = try connection.request("GET", Self.sweepTarget(index)) }
        let before = try Self.residentBytes(of: server.process.processIdentifier)

        for index in 0..<600 {
            let response = try connection.request("GET", Self.sweepTarget(index))
            #expect(response.status == 200, "\(response.status) \(response.bodyText)")
        }
        // Distinct tags: up to the cap they filter, beyond it the request is refused.
        let allowed = tags.prefix(10).map { "tag=\($0)" }.joined(separator: "&")
        #expect(try connection.request("GET", "/api/v1/articles?\(allowed)").status == 200)
        let refused = try connection.request("GET", "/api/v1/articles?\(allowed)&tag=t10")
        #expect(refused.status == 400)
        #expect(refused.bodyText.contains("10"))

        let after = try Self.residentBytes(of: server.process.processIdentifier)
        let growth = after - before
        // Before the bounded statement cache and fixed-shape listing SQL, this sweep grew the
        // server by several hundred MiB; now what it holds is a few fixed statements.
        #expect(growth < 48 * 1024 * 1024, "resident memory grew by \(growth / 1024 / 1024) MiB (from \(before / 1024 / 1024) MiB)")
    }
}
