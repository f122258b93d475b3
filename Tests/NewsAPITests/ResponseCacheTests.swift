import Foundation
import HTTP
import Testing

@testable import NewsAPI

/// The response cache on a real database: hits, the generation and lifetime that end them, and
/// the bound on its memory, across its shards.
@Suite struct ResponseCacheTests {
    private func body(_ number: Int, size: Int = 1000) -> [UInt8] {
        Array(repeating: UInt8(ascii: "a") + UInt8(number % 26), count: size)
    }

    @Test func aStoredResponseIsFoundUntilAWriteCommits() throws {
        let api = try TestAPI()
        defer { api.close() }
        let cache = ResponseCache(database: api.database, capacity: 1 << 20)
        let targets = (0..<64).map { "/api/v1/articles?tag=t\($0)" }
        for (number, target) in targets.enumerated() {
            cache.store(
                body(number), entityTag: "\"\(number)\"", contentType: Representation.json, surrogateKeys: "", for: target,
                generation: cache.generation)
        }
        for (number, target) in targets.enumerated() {
            let entry = cache.entry(for: target)
            #expect(entry?.body == body(number), "\(target)")
            #expect(entry?.entityTag == "\"\(number)\"")
        }
        #expect(cache.entry(for: "/api/v1/articles?tag=other") == nil)
        #expect(try api.send(.post, "/api/v1/categories", #"{"name":"سياسة"}"#).status == .created)
        #expect(targets.allSatisfy { cache.entry(for: $0) == nil }, "a committed write ends every entry")
    }

    @Test func anEntryRenderedBeforeAWriteIsNeverServed() throws {
        let api = try TestAPI()
        defer { api.close() }
        let cache = ResponseCache(database: api.database, capacity: 1 << 20)
        let generation = cache.generation
        #expect(try api.send(.post, "/api/v1/categories", #"{"name":"سياسة"}"#).status == .created)
        cache.store(
            body(1), entityTag: "\"1\"", contentType: Representation.json, surrogateKeys: "", for: "/api/v1/categories", generation: generation)
        #expect(cache.entry(for: "/api/v1/categories") == nil)
    }

    @Test func entriesExpireAfterTheirLifetime() throws {
        let api = try TestAPI()
        defer { api.close() }
        let cache = ResponseCache(database: api.database, capacity: 1 << 20, lifetime: .milliseconds(50))
        cache.store(body(1), entityTag: "\"1\"", contentType: Representation.json, surrogateKeys: "", for: "/a", generation: cache.generation)
        #expect(cache.entry(for: "/a") != nil)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(cache.entry(for: "/a") == nil)
    }

    @Test func memoryStaysWithinTheCapacityAndLargeBodiesAreNotKept() throws {
        let api = try TestAPI()
        defer { api.close() }
        let capacity = 64 * 1024
        let cache = ResponseCache(database: api.database, capacity: capacity)
        let targets = (0..<1000).map { "/api/v1/articles/\($0)" }
        for (number, target) in targets.enumerated() {
            cache.store(
                body(number), entityTag: "\"\(number)\"", contentType: Representation.json, surrogateKeys: "", for: target,
                generation: cache.generation)
        }
        let kept = targets.compactMap { cache.entry(for: $0) }
        #expect(kept.count > 0)
        #expect(kept.reduce(0) { $0 + $1.body.count } <= capacity, "\(kept.count) bodies of 1,000 bytes kept")
        #expect(cache.entry(for: targets.last!) != nil, "the newest entry survives a shard starting over")
        // An eighth of the capacity is one shard's; a body over a quarter of that is not kept.
        cache.store(
            body(1, size: capacity / 8 / 4 + 1), entityTag: "\"big\"", contentType: Representation.json, surrogateKeys: "", for: "/big",
            generation: cache.generation)
        #expect(cache.entry(for: "/big") == nil)
        let off = ResponseCache(database: api.database, capacity: 0)
        off.store(body(1), entityTag: "\"1\"", contentType: Representation.json, surrogateKeys: "", for: "/a", generation: off.generation)
        #expect(off.entry(for: "/a") == nil)
    }
}
