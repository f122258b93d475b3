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
        #expect(cache.members(of: 1, generation: 7) == bytes("\"id\":1") && cache.members(of: 1, generation: 8) == nil)
        #expect(cache.keeps(1, generation: 7))
        #expect(!cache.keeps(2, generation: 7) && !cache.keeps(1, generation: 8))
    }

    /// A full shard drops its older half on its own (and a summary straddling the middle),
    /// keeping the newer summaries' bytes; a write elsewhere (a newer generation) empties
    /// every shard it reaches.
    @Test func aFullShardDropsItsOlderHalfAloneAndANewerGenerationReplacesAnOlder() {
        let cache = RelatedSummaryCache(capacity: 2 * 12, shards: 2)
        for (id, text) in [(2, "aaaa"), (4, "bbbb"), (8, "cccc"), (1, "dddd")] { cache.store([Int64(id): bytes(text)], generation: 1) }
        #expect(cache.members(of: [1, 2, 4, 8], generation: 1).count == 4)
        cache.store([6: bytes("eeee")], generation: 1)
        #expect(cache.members(of: [1, 2, 4, 6, 8], generation: 1) == [1: bytes("dddd"), 6: bytes("eeee"), 8: bytes("cccc")])
        var rendered = RenderedRelated()
        #expect(cache.render([8, 6], firstSuggested: 1, generation: 1, into: &rendered))
        #expect(rendered.items.map { String(decoding: rendered.bytes[$0.members], as: UTF8.self) } == ["cccc", "eeee"])
        cache.store([1: bytes("ffff")], generation: 2)
        #expect(cache.members(of: [1], generation: 2) == [1: bytes("ffff")])
        cache.store([3: bytes("gggg")], generation: 1)
        #expect(cache.members(of: [3], generation: 1).isEmpty, "an older rendering never replaces a newer one")
    }
}
