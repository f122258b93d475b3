import Testing

@testable import NewsAPI

@Suite struct MarkupWriterTests {
    @Test func valuesAreEscapedInTextAndAttributes() {
        var writer = MarkupWriter()
        writer.open("item", ["href": "https://x.example/?a=1&b=\"2\"", "missing": nil])
        writer.element("title", text: "<script>alert('x')</script> & سياسة")
        writer.empty("meta", ["content": "a'b"])
        writer.close("item")
        #expect(
            writer.text
                == "<item href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\"><title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; سياسة</title>"
                + "<meta content=\"a&#39;b\"/></item>")
    }

    @Test func charactersXMLForbidsAreReplaced() {
        #expect(MarkupWriter.escape("a\u{0}b\u{1B}c\td\ne\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\td\ne\u{FFFD}")
    }
}
