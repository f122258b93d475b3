import Foundation
import Testing

/// Revisions through the real binary: `--revisions-kept` (and its environment variable)
/// reaches the store, and a restore over real sockets needs and honours `If-Match`.
@Suite struct RevisionsEndToEndTests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    private func numbers(_ client: RawConnection, _ id: Int) throws -> [Int] {
        let response = try client.request("GET", "/api/v1/articles/\(id)/revisions", headers: Self.auth)
        #expect(response.status == 200)
        return (response.json["items"] as? [[String: Any]] ?? []).compactMap { $0["number"] as? Int }
    }

    @Test func theKeptCountSettingPrunesDraftRevisionsAndRestoreNeedsIfMatch() throws {
        let server = try ServerProcess(environment: ["NEWSSTORE_REVISIONS_KEPT": "2"])
        let client = try server.connect()
        let created = try client.request("POST", "/api/v1/articles", json: ["title": "مسودة", "body": "نص"], headers: Self.auth)
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? Int)
        for title in ["مسودة ٢", "مسودة ٣", "مسودة ٤"] {
            #expect(try client.request("PATCH", "/api/v1/articles/\(id)", json: ["title": title], headers: Self.auth).status == 200)
        }
        #expect(try numbers(client, id) == [4, 3])

        let restore = "/api/v1/articles/\(id)/revisions/3/restore"
        #expect(try client.request("POST", restore, headers: Self.auth).status == 428)
        #expect(
            try client.request("POST", "/api/v1/articles/\(id)/revisions/1/restore", headers: Self.auth.merging(["If-Match": "*"]) { $1 }).status
                == 410)
        let tag = try #require(try client.request("GET", "/api/v1/articles/\(id)", headers: Self.auth).header("etag"))
        let restored = try client.request("POST", restore, headers: Self.auth.merging(["If-Match": tag]) { $1 })
        #expect(restored.status == 200)
        #expect(restored.json["title"] as? String == "مسودة ٣")
        #expect(try numbers(client, id) == [5, 4])
    }

    @Test func aKeptCountBelowOneStopsTheStart() throws {
        #expect(throws: ServerProcess.ServerDidNotStart.self) { try ServerProcess(["--revisions-kept", "0"]) }
    }
}
