import TestSupport
import Testing

@testable import NewsStore

/// The limits that keep one query's cost bounded: the shortest prefix and the most terms.
@Suite struct SearchPrefixTermsTests {
    private func problem(_ query: String) -> SearchTerms.Problem? {
        expectError(SearchTerms.Problem.self) { _ = try SearchTerms(parsing: query) }
    }

    @Test(arguments: ["ال*", "ح*", "x*", "١*", "دمشق ال*", "\"قوات خاصة\" حك*"])
    func aPrefixOfFewerThanThreeLettersIsRefused(_ query: String) {
        #expect(problem(query) == .prefixTooShort, "\(query)")
    }

    @Test func lettersAreCountedAfterFolding() throws {
        // Harakat and tatweel are not letters: الْـ is two letters, like ال.
        #expect(problem("الْـ*") == .prefixTooShort)
        #expect(problem("أل*") == .prefixTooShort)
        // Three letters, however typed, make a prefix; its alef is folded.
        #expect(try SearchTerms(parsing: "الح*").terms == [.prefix("الح")])
        #expect(try SearchTerms(parsing: "أَلحـ*").terms == [.prefix("الح")])
        #expect(try SearchTerms(parsing: "abc*").terms == [.prefix("abc")])
    }

    @Test func aStarNotRightAfterAWordIsNoPrefix() throws {
        // A lone star is a separator: a two-letter word before a space stays a word.
        #expect(try SearchTerms(parsing: "ال *").terms.count == 1)
        #expect(problem("*") == .empty)
    }

    @Test func twelveTermsAreTheMostAQueryMayHave() throws {
        let prefixes = ["الح", "الم", "الس", "الت", "الع", "الق", "الا", "الب", "الد", "الش", "الف", "الك", "الن"]
        #expect(try SearchTerms(parsing: prefixes.prefix(SearchTerms.maximumTerms).map { $0 + "*" }.joined(separator: " ")).terms.count == 12)
        #expect(problem(prefixes.map { $0 + "*" }.joined(separator: " ")) == .tooManyTerms)
    }
}
