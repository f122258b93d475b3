import Testing

@testable import HTTP

/// Entity tags from a representation's bytes: the same bytes give the same tag, any changed
/// byte (in the two-lane part or the tail) or length gives another, and the comparisons of
/// RFC 9110 §13.1.
@Suite struct EntityTagTests {
    private func tag(_ bytes: [UInt8]) -> String { EntityTag.of(bytes[...]) }

    @Test func aTagIsSixteenHexDigitsInQuotesAndStable() {
        let body = Array("{\"title\":\"خبر\"}".utf8)
        let first = tag(body)
        #expect(first.count == 18 && first.first == "\"" && first.last == "\"")
        #expect(first.dropFirst().dropLast().allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(tag(body) == first)
        #expect(EntityTag.of((Array("xx".utf8) + body)[2...]) == first, "a slice hashes as its bytes alone")
    }

    /// Every single-bit change, at every byte of bodies that end in each part of the hash (the
    /// two lanes, the words after them, the tail), and every length give another tag.
    @Test(arguments: [7, 33, 64, 101, 200])
    func everyChangedBitAndEveryLengthGivesAnotherTag(length: Int) {
        let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var seen: Set<String> = [tag(body)]
        for index in body.indices {
            for bit in 0..<8 {
                var changed = body
                changed[index] ^= UInt8(1 << bit)
                seen.insert(tag(changed))
            }
        }
        #expect(seen.count == 1 + body.count * 8)
        // Among so many, some hashes start with zero digits: every tag keeps all sixteen.
        #expect(seen.allSatisfy { $0.utf8.count == 18 && $0.dropFirst().dropLast().allSatisfy(\.isHexDigit) })
        let prefixes = Set((0...body.count).map { tag(Array(body[..<$0])) })
        #expect(prefixes.count == body.count + 1)
        #expect(tag([0]) != tag([0, 0]), "trailing zero bytes count")
    }

    @Test func ifNoneMatchComparesWeaklyAndIfMatchStrongly() {
        let current = "\"0123456789abcdef\""
        #expect(EntityTag.noneMatch("\"x\", W/\(current)", current))
        #expect(EntityTag.noneMatch(" * ", current))
        #expect(!EntityTag.noneMatch("\"0123456789abcdee\"", current))
        #expect(EntityTag.matches("\"x\",\t\(current) ", current))
        #expect(!EntityTag.matches("W/\(current)", current))
        #expect(EntityTag.matches("*", current))
    }
}
