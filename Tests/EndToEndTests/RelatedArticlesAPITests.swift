import Foundation
import Testing

/// A detail's `related` list over HTTP: the editors' links, then suggestions up to the
/// configured count, each item marked with `suggested`.
@Suite struct RelatedArticlesAPITests {
    static let auth = ["Authorization": "Bearer \(ServerProcess.adminToken)"]

    private func create(_ client: RawConnection, _ fields: [String: Any]) throws -> Int {
        let response = try client.request(
            "POST", "/api/v1/articles", json: ["body": "نص", "status": "published"].merging(fields) { $1 }, headers: Self.auth)
        #expect(response.status == 201)
        return try #require(response.json["id"] as? Int)
    }

    struct Item: Equatable {
        let id: Int?
        let suggested: Bool?
    }

    /// The items of a detail's `related`, by id and marker.
    private func related(_ client: RawConnection, _ id: Int, headers: [String: String] = [:]) throws -> [Item] {
        let response = try client.request("GET", "/api/v1/articles/\(id)", headers: headers)
        #expect(response.status == 200)
        return (response.json["related"] as? [[String: Any]] ?? []).map { Item(id: $0["id"] as? Int, suggested: $0["suggested"] as? Bool) }
    }

    @Test func editorsLinksComeFirstThenMarkedSuggestionsUpToTheCount() throws {
        let server = try ServerProcess(["--related-count", "3"])
        let client = try server.connect()
        #expect(try client.request("POST", "/api/v1/categories", json: ["name": "سياسة", "slug": "politics"], headers: Self.auth).status == 201)
        let main = try create(client, ["title": "دمشق توافق على حملة ضد داعش", "category": "politics", "tags": ["سوريا", "داعش"]])
        let bothTags = try create(client, ["title": "حملة ضد داعش في سوريا", "tags": ["سوريا", "داعش"]])
        let oneTag = try create(client, ["title": "أخبار سوريا", "tags": ["سوريا"]])
        _ = try create(client, ["title": "خبر من القسم", "category": "politics"])
        _ = try create(client, ["title": "مسودة عن داعش", "status": "draft", "tags": ["سوريا", "داعش"]])
        let linked = try create(client, ["title": "خبر اختاره المحرر"])
        #expect(try client.request("PUT", "/api/v1/articles/\(main)/related", json: ["ids": [linked]], headers: Self.auth).status == 200)

        let expected = [Item(id: linked, suggested: false), Item(id: bothTags, suggested: true), Item(id: oneTag, suggested: true)]
        #expect(try related(client, main) == expected)
        // Editors get the same page.
        #expect(try related(client, main, headers: Self.auth) == expected)

        // A newly published article sharing both tags is suggested on the very next read.
        let breaking = try create(client, ["title": "عاجل عن داعش في سوريا", "tags": ["داعش", "سوريا"]])
        #expect(
            try related(client, main) == [
                Item(id: linked, suggested: false), Item(id: breaking, suggested: true), Item(id: bothTags, suggested: true),
            ])
    }

    @Test func aRelatedCountOfZeroShowsOnlyTheEditorsLinks() throws {
        let server = try ServerProcess(environment: ["NEWSSTORE_RELATED_COUNT": "0"])
        let client = try server.connect()
        let main = try create(client, ["title": "الخبر", "tags": ["سوريا"]])
        _ = try create(client, ["title": "خبر آخر عن سوريا", "tags": ["سوريا"]])
        #expect(try related(client, main).isEmpty)
        let linked = try create(client, ["title": "رابط المحرر"])
        #expect(try client.request("PUT", "/api/v1/articles/\(main)/related", json: ["ids": [linked]], headers: Self.auth).status == 200)
        #expect(try related(client, main) == [Item(id: linked, suggested: false)])
    }
}
