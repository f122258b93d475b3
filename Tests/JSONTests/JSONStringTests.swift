import Testing

@testable import JSON

@Suite struct JSONStringTests {
    /// A scalar-at-a-time escaper, kept here to prove the faster one writes identical bytes.
    private func referenceQuote(_ string: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        let hex = Array("0123456789abcdef".utf8)
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20, 0x3C, 0x3E, 0x26, 0x2028, 0x2029:
                let value = Int(scalar.value)
                out += Array("\\u".utf8) + [12, 8, 4, 0].map { hex[(value >> $0) & 0xF] }
            default: out += Array(String(scalar).utf8)
            }
        }
        out.append(0x22)
        return out
    }

    @Test func matchesTheReferenceEscaperForEveryASCIIByte() {
        let everyASCII = String(decoding: (0..<128).map(UInt8.init), as: UTF8.self)
        let samples = [
            everyASCII, "", "plain", "\"", "\\\\", "\n\n", "دمشق \"توافق\"\n", "😀\u{0}😀", "tail\u{1F}", "<b>&amp;</b>",
            "\u{2028}\u{2029}", "«دمشق» — “توافق”… \u{2027}\u{202A}\u{2128}", "a\u{2028}b<c>d&e\u{2029}f",
        ]
        for sample in samples {
            #expect(Array(JSONString.quote(sample).utf8) == referenceQuote(sample), "\(sample.debugDescription)")
            var appended: [UInt8] = [0x5B]
            JSONString.append(sample, to: &appended)
            #expect(appended == [0x5B] + referenceQuote(sample))
        }
    }

    @Test func quotesForMessages() {
        #expect(JSONString.quote("a\"b") == #""a\"b""#)
        #expect(JSONString.quote("\u{8}") == #""\u0008""#)
    }
}
