import Testing

@testable import NewsStore

/// Surrogate keys: each once, in the order first inserted, however many there are (a short
/// list is searched, a long one hashed).
@Suite struct KeySetTests {
    @Test func aShortListKeepsTheFirstOfEachKeyInOrder() {
        var keys = KeySet(["article-1", "tag-3"])
        keys.insert("article-2")
        keys.insert("article-1")
        keys.insert("tag-3")
        #expect(keys.keys == ["article-1", "tag-3", "article-2"])
        #expect(!keys.isEmpty)
        #expect(KeySet().isEmpty)
    }

    @Test func aLongListStaysUniqueAndOrderedPastTheSwitchToASet() {
        let all = (1...40).map { CacheKey.article($0) }
        var keys = KeySet()
        for key in all + all.reversed() + all { keys.insert(key) }
        #expect(keys.keys == all)
        keys.insert(CacheKey.list)
        keys.insert(CacheKey.article(7))
        #expect(keys.keys == all + [CacheKey.list])
    }

    @Test func equalWhenTheyHoldTheSameKeysInTheSameOrder() {
        let many = (1...20).map { CacheKey.tag($0) }
        #expect(KeySet(many) == KeySet(many + many))
        #expect(KeySet(["a", "b"]) != KeySet(["b", "a"]))
    }
}
