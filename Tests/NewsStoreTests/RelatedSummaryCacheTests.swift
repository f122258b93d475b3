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
}
