import Testing

@testable import JSON

@Suite struct StringDecodingTests {
    private let arabicHeadline = "دمشق توافق على المشاركة"

    @Test func arabicTextRoundTripsByteForByte() throws {
        let document = Array("{\"headline\":\"\(arabicHeadline)\"}".utf8)
        let value = try JSONParser.parse(document)
        #expect(value["headline"]?.stringValue == arabicHeadline)
        #expect(value["headline"]?.stringValue.map { Array($0.utf8) } == Array(arabicHeadline.utf8))
        #expect(value.serialized == document)
    }

    @Test func decodesEverySimpleEscape() throws {
        let value = try JSONParser.parse(#""\" \\ \/ \b \f \n \r \t""#)
        #expect(value == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
    }

    @Test func decodesUnicodeEscapes() throws {
        #expect(try JSONParser.parse(#""\u0041\u00e9\u0627\u20AC""#) == "Aéا€")
        #expect(try JSONParser.parse(#""\u0000""#).stringValue?.unicodeScalars.map(\.value) == [0])
        #expect(try JSONParser.parse(#""caf\u00E9 \u062f\u0645\u0634\u0642""#) == "café دمشق")
    }

    @Test func combinesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud83d\ude00""#) == "😀")
        #expect(try JSONParser.parse(#""\uD83D\uDE00 and \uD834\uDD1E""#) == "😀 and 𝄞")
        #expect(try JSONParser.parse(#""\udbff\udfff""#).stringValue?.unicodeScalars.first?.value == 0x10FFFF)
    }

    @Test func mixesEscapesWithRawUTF8() throws {
        let value = try JSONParser.parse(#"["سطر\nثانٍ \"مقتبس\" 😀 \u0041"]"#)
        #expect(value == ["سطر\nثانٍ \"مقتبس\" 😀 A"])
    }

    @Test func stringsAreComparedByCodePointsNotCanonicalEquivalence() throws {
        // Swift's String == treats these as equal; JSON does not.
        let precomposed = try JSONParser.parse(#""\u00e9""#)
        let decomposed = try JSONParser.parse(#""e\u0301""#)
        #expect(precomposed != decomposed)
        #expect(precomposed == "\u{E9}")
    }
}
