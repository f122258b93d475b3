import Testing

@testable import JSON

/// The writer escapes `<`, `>`, `&`, U+2028 and U+2029, so its JSON can be inlined in an HTML
/// page or a script as it is; Arabic and other non-ASCII text stays raw UTF-8.
@Suite struct InlineSafeEscapingTests {
    private func written(_ string: String) -> String {
        var writer = JSONWriter()
        writer.string(string)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func htmlSignificantCharactersAreEscaped() {
        #expect(written("</script><!--a&b-->") == #""\u003c/script\u003e\u003c!--a\u0026b--\u003e""#)
        #expect(written("<") == #""\u003c""#)
        #expect(written(">") == #""\u003e""#)
        #expect(written("&") == #""\u0026""#)
    }

    @Test func lineAndParagraphSeparatorsAreEscaped() {
        #expect(written("a\u{2028}b\u{2029}c") == #""a\u2028b\u2029c""#)
        #expect(written("\u{2028}") == #""\u2028""#)
    }

    @Test func arabicAndOtherCharactersStayRaw() {
        // Dashes, quotation marks and the ellipsis share U+2028's lead byte (0xE2).
        let text = "«دمشق» — “توافق” على المشاركة… ‰ ™ \u{2027}\u{202A}\u{2128} 😀"
        #expect(written(text) == "\"" + text + "\"")
    }

    @Test func keysKnownOnlyAtRunTimeAreEscapedToo() {
        let key = "<k>"
        var writer = JSONWriter()
        writer.beginObject()
        writer.escapedKey(key)
        writer.string("v&")
        writer.endObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"\u003ck\u003e":"v\u0026"}"#)
    }

    /// The scanner reads eight bytes at a time: each character is found at every offset in a
    /// word, after ASCII and after Arabic, and text around it is copied exactly.
    @Test func everyOffsetInAWordIsFound() {
        let escapes: [(String, String)] = [
            ("<", #"\u003c"#), (">", #"\u003e"#), ("&", #"\u0026"#), ("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#),
            ("\u{2028}", #"\u2028"#), ("\u{2029}", #"\u2029"#), ("\u{1}", #"\u0001"#), ("—", "—"), ("=", "="), ("'", "'"),
        ]
        for (character, escaped) in escapes {
            for padding in ["abcdefghijklmnopq", "دمشقتوافق"] {
                for offset in 0...padding.count {
                    let before = String(padding.prefix(offset))
                    let after = String(padding.dropFirst(offset))
                    let text = before + character + after + character
                    #expect(written(text) == "\"" + before + escaped + after + escaped + "\"", "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func parsingTheEscapedTextGivesItBack() throws {
        let text = "<p class=\"x\">خبر &amp; رأي</p>\u{2028}\u{2029}"
        var writer = JSONWriter()
        writer.string(text)
        #expect(try JSONParser.parse(writer.bytes) == .string(text))
    }
}
