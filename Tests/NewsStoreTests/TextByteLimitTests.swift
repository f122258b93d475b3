import Testing

@testable import NewsStore

/// Text limits bound bytes as well as characters: a "character" may carry any number of
/// combining marks, so a title within its character limit could otherwise fill a request.
@Suite struct TextByteLimitTests {
    /// One letter under `marks` combining marks: a single character of 2 + 2 × marks bytes.
    static func stacked(_ marks: Int) -> String {
        "ب" + String(repeating: "\u{064B}", count: marks)
    }

    @Test func aTitleOfFewCharactersButManyBytesIsRefusedAtItsPointer() throws {
        try withStore { store throws in
            let title = "خبر " + Self.stacked(2_000)
            #expect(title.count == 5)
            let error = storeError { try store.articles.create(Sample.article(title), by: .system) }
            #expect(error?.pointers == ["/title"])
            #expect(error?.description.contains("at most \(Limits.titleLength * Limits.bytesPerCharacter) bytes") == true)

            var input = Sample.article("خبر", tags: [Self.stacked(300)], body: [.paragraph(Self.stacked(50_000))])
            input.summary = Self.stacked(3_000)
            let pointers = storeError { try store.articles.create(input, by: .system) }?.pointers ?? []
            #expect(Set(pointers) == ["/summary", "/body/0/text", "/tags/0"])
            #expect(storeError { try store.terms.create(.tag, TermInput(name: Self.stacked(500)), by: .system) }?.pointers == ["/name"])
            #expect(try store.int("SELECT count(*) FROM articles") == 0)
        }
    }

    /// Real text at its character limit fits whatever its script: fully vocalized Arabic
    /// (about 3.3 bytes a character), emoji, and plain Arabic.
    @Test func realTextAtTheCharacterLimitFits() throws {
        try withStore { store throws in
            let vocalized = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ "
            for unit in [vocalized, "خبر عاجل ", "🙂"] {
                var title = String(repeating: unit, count: Limits.titleLength / unit.count + 1)
                while title.count > Limits.titleLength { title.removeLast() }
                title = String(title.trimmingWhitespace)
                #expect(title.utf8.count > Limits.titleLength)
                let created = try store.articles.create(Sample.article(title), by: .system)
                #expect(created.title == title)
            }
        }
    }
}
