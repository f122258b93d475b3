import TestSupport
import Testing

@testable import HTTP

/// The byte-wise split the router and the query parser use agrees with the standard library's
/// on ASCII text, empty pieces and edges included.
struct ASCIISplitTests {
    @Test func agreesWithSplitOnASCIIText() {
        var random = SeededRandom(seed: 7)
        let alphabet = Array("ab/&=%2F") + ["/", "/", "&"]
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let whole = Substring("x" + text + "y").dropFirst().dropLast()
            for separator in ["/", "&"] as [Character] {
                for omitting in [false, true] {
                    let expected = whole.split(separator: separator, omittingEmptySubsequences: omitting)
                    let split = whole.split(ascii: separator.asciiValue!, omittingEmptySubsequences: omitting)
                    #expect(split == expected, "\(text.debugDescription) \(separator) \(omitting)")
                }
            }
        }
        #expect(Substring("").split(ascii: UInt8(ascii: "/"), omittingEmptySubsequences: false) == [""])
        #expect(Substring("/a//b/").split(ascii: UInt8(ascii: "/"), omittingEmptySubsequences: false) == ["", "a", "", "b", ""])
    }
}
