import Foundation
import Testing

/// A search that would hold a worker too long is stopped: over its time limit it answers `503`,
/// and when its client goes it ends without an answer; the server goes on serving either way.
@Suite struct SearchStoppingAPITests {
    /// Twelve words, each in every article below, many times: a search for all of them ranks
    /// every article and cuts a snippet from each long body.
    static let words = ["الحكومة", "خطة", "دمشق", "حلب", "قالت", "المدينة", "الوزير", "الشعب", "الطريق", "المشروع", "السوق", "الاسعار"]

    /// 60 published articles with bodies of 600 words.
    private func load(_ server: ServerProcess) throws {
        let connection = try server.connect()
        let body = Array(repeating: Self.words.joined(separator: " "), count: 50).joined(separator: " ")
        for index in 0..<60 {
            let response = try connection.request(
                "POST", "/api/v1/articles",
                json: ["title": "خبر رقم \(index)", "body": body, "status": "published", "published_at": "2025-07-04T10:00:00Z"],
                headers: ["Authorization": "Bearer \(ServerProcess.adminToken)"])
            #expect(response.status == 201, "\(response.bodyText)")
        }
    }

    /// Whether the server's log comes to hold one of `lines` within 10 s (it arrives through a pipe).
    private func logs(_ server: ServerProcess, _ lines: String...) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while !lines.contains(where: server.logText.contains) {
            guard Date() < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    private var searchPath: String {
        let query = Self.words.joined(separator: " ").addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        return "/api/v1/search?limit=100&q=\(query)"
    }

    @Test func aSearchOverItsTimeLimitGets503AndReadsGoOn() throws {
        let server = try ServerProcess(["--search-timeout-ms", "1", "--response-cache-size", "0"])
        try load(server)
        let connection = try server.connect()
        let stopped = try connection.request("GET", searchPath)
        #expect(stopped.status == 503)
        #expect(stopped.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(stopped.header("Retry-After") == "5")
        #expect((stopped.json["detail"] as? String)?.contains("longer than 1 ms") == true, "\(stopped.bodyText)")
        #expect(logs(server, "search over its time limit"))
        // The same connection, and the server, go on answering.
        #expect(try connection.request("GET", "/api/v1/articles?limit=1").status == 200)
        #expect(try connection.request("GET", "/healthz").status == 200)
    }

    @Test func aSearchWhoseClientLeavesIsStopped() throws {
        let server = try ServerProcess(["--search-timeout-ms", "60000", "--response-cache-size", "0"])
        try load(server)
        let leaving = try server.connect()
        try leaving.send("GET \(searchPath) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        shutdown(leaving.descriptor, Int32(SHUT_RDWR))
        // Stopped while it ran, or, on a loaded machine, dropped before a worker took it up.
        #expect(logs(server, "search cancelled, its client went away", "request dropped, its client went away"))
        // A search whose client stays gets its answer.
        let staying = try server.connect()
        staying.setTimeout(60)
        let answered = try staying.request("GET", searchPath)
        #expect(answered.status == 200)
        #expect((answered.json["items"] as? [Any])?.count == 60)
    }
}
