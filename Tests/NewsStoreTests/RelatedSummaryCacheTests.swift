import Testing

@testable import NewsStore

/// The kept related-item renderings: spliced in the order asked only when every one is kept
/// for the data's current generation.
@Suite struct RelatedSummaryCacheTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func rendersEveryKeptItemInOrderWithItsKind() {
        let cache = RelatedSummaryCache()
        cache.store([1: bytes("\"id\":1"), 2: bytes("\"id\":2"), 3: bytes("\"id\":3")], generation: 7)
        var rendered = RenderedRelated()
        #expect(cache.render([3, 1, 2], firstSuggested: 1, generation: 7, into: &rendered))
        #expect(rendered.items.map(\.id) == [3, 1, 2])
        #expect(rendered.items.map(\.suggested) == [false, true, true])
        #expect(rendered.items.map { String(decoding: rendered.bytes[$0.members], as: UTF8.self) } == ["\"id\":3", "\"id\":1", "\"id\":2"])
    }

    @Test func rendersNothingWhenAnItemIsMissingOrTheDataChanged() {
        let cache = RelatedSummaryCache()
        cache.store([1: bytes("\"id\":1")], generation: 7)
        var rendered = RenderedRelated()
        #expect(!cache.render([1, 2], firstSuggested: 2, generation: 7, into: &rendered))
        #expect(!cache.render([1], firstSuggested: 1, generation: 8, into: &rendered))
        #expect(rendered == RenderedRelated())
        #expect(cache.members(of: [1, 2], generation: 7) == [1: bytes("\"id\":1")])
    }

    /// Each shard starts over on its own when it is full, and a write elsewhere (a newer
    /// generation) empties every shard it reaches.
    @Test func aFullShardStartsOverAloneAndANewerGenerationReplacesAnOlder() {
        let cache = RelatedSummaryCache(capacity: 2 * 8, shards: 2)
        cache.store([2: bytes("aaaa"), 4: bytes("bbbb"), 1: bytes("cccc")], generation: 1)
        #expect(cache.members(of: [1, 2, 4], generation: 1).count == 3)
        cache.store([6: bytes("dddd")], generation: 1)
        #expect(cache.members(of: [1, 2, 4, 6], generation: 1).keys.sorted() == [1, 6])
        cache.store([1: bytes("eeee")], generation: 2)
        #expect(cache.members(of: [1], generation: 2) == [1: bytes("eeee")])
        cache.store([3: bytes("ffff")], generation: 1)
        #expect(cache.members(of: [3], generation: 1).isEmpty, "an older rendering never replaces a newer one")
    }
}
