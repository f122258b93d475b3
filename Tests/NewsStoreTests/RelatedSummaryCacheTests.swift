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

    /// A shard's recent segment, when full, becomes its older one and the older one is
    /// dropped; a summary read from the older one moves to the recent one and stays. Shards
    /// fill on their own, and a write elsewhere (a newer generation) empties every shard it
    /// reaches.
    @Test func aFullShardDropsItsOlderHalfKeepsWhatIsReadAndANewerGenerationReplacesAnOlder() {
        // Two shards (even and odd ids) of two 4-byte segments.
        let cache = RelatedSummaryCache(capacity: 16, shards: 2)
        cache.store([2: bytes("aaaa"), 1: bytes("cccc")], generation: 1)
        cache.store([4: bytes("bbbb")], generation: 1)
        #expect(cache.members(of: [1, 2, 4], generation: 1).count == 3)
        // 4 was read last, so 2 is the older one when 6 comes.
        cache.store([6: bytes("dddd")], generation: 1)
        #expect(cache.members(of: [1, 2, 4, 6], generation: 1).keys.sorted() == [1, 4, 6])
        var rendered = RenderedRelated()
        #expect(cache.render([4], firstSuggested: 1, generation: 1, into: &rendered))
        cache.store([8: bytes("eeee")], generation: 1)
        #expect(cache.members(of: [4, 6, 8], generation: 1).keys.sorted() == [4, 8], "the summary read stays")
        cache.store([1: bytes("ffff")], generation: 2)
        #expect(cache.members(of: [1], generation: 2) == [1: bytes("ffff")])
        cache.store([3: bytes("gggg")], generation: 1)
        #expect(cache.members(of: [3], generation: 1).isEmpty, "an older rendering never replaces a newer one")
    }
}
