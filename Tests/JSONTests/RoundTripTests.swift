import Testing

@testable import JSON

@Suite struct RoundTripTests {
    static let values: [JSONValue] = [
        .null,
        true,
        "",
        "دمشق توافق على المشاركة",
        "emoji 😀 and 𝄞, controls \u{0}\u{1}\u{1F}\n\t, quotes \" \\ /",
        "e\u{301} versus \u{E9}",
        0,
        -1.5,
        .number(JSONNumber(text: "-0.000e-10")!),
        .number(JSONNumber(text: "123456789012345678901234567890")!),
        [],
        [:],
        [[[]], [:], [1, "two", [false]]],
        ["title": "عنوان", "tags": ["أخبار", "سوريا"], "meta": ["views": 10, "score": 0.25, "author": .null]],
        ["\u{E9}": 1, "e\u{301}": 2, "": [""]],
    ]

    @Test(arguments: values)
    func parsingTheSerializationGivesTheValueBack(_ value: JSONValue) throws {
        let bytes = value.serialized
        #expect(try JSONParser.parse(bytes) == value)
        // Serializing again is stable.
        #expect(try JSONParser.parse(bytes).serialized == bytes)
    }

    @Test func compactDocumentsSerializeToTheSameBytes() throws {
        let documents = [
            #"{"id":1,"title":"دمشق","tags":["a","b"],"body":null,"ok":true,"n":-1.25e-3}"#,
            #"[[],{},[{}],"\u0001\n\"\\"]"#,
        ]
        for document in documents {
            #expect(try JSONParser.parse(document).serialized == Array(document.utf8))
        }
    }
}
