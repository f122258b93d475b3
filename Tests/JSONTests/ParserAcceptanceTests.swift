import Testing

@testable import JSON

@Suite struct ParserAcceptanceTests {
    struct ValidDocument: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: JSONValue
        var testDescription: String { text }
    }

    static let validDocuments: [ValidDocument] = [
        ValidDocument(text: "null", expected: .null),
        ValidDocument(text: "true", expected: true),
        ValidDocument(text: "false", expected: false),
        ValidDocument(text: "0", expected: 0),
        ValidDocument(text: "-12.5e+3", expected: .number(JSONNumber(text: "-12.5e+3")!)),
        ValidDocument(text: "\"\"", expected: ""),
        ValidDocument(text: "\"news\"", expected: "news"),
        ValidDocument(text: "[]", expected: []),
        ValidDocument(text: "{}", expected: [:]),
        ValidDocument(text: " \t\r\n[ 1 , \"a\" , null ]\n", expected: [1, "a", .null]),
        ValidDocument(text: "[[],[[]],{}]", expected: [[], [[]], [:]]),
        ValidDocument(text: "{\"a\":{\"b\":[true,false]},\"c\":-0}", expected: ["a": ["b": [true, false]], "c": .number(JSONNumber(text: "-0")!)]),
        ValidDocument(text: "{ \"title\" : \"x\" , \"tags\" : [ ] }", expected: ["title": "x", "tags": []]),
        ValidDocument(text: "[\"\\u0000\"]", expected: ["\u{0}"]),
        ValidDocument(text: "\"\u{7F}\"", expected: "\u{7F}"),
    ]

    @Test(arguments: validDocuments)
    func parsesValidDocument(_ document: ValidDocument) throws {
        #expect(try JSONParser.parse(document.text) == document.expected)
    }

    @Test func acceptsEveryInputRepresentation() throws {
        let text = "{\"id\":7,\"title\":\"دمشق\"}"
        let expected: JSONValue = ["id": 7, "title": "دمشق"]
        let bytes = Array(text.utf8)
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try JSONParser.parse(text.utf8) == expected)
        #expect(try bytes.withUnsafeBytes { raw throws(JSONParseError) in try JSONParser.parse(raw) } == expected)
        // A collection without contiguous storage goes through a copy.
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)
    }

    @Test func keepsObjectMembersInDocumentOrder() throws {
        let object = try #require(try JSONParser.parse("{\"z\":1,\"a\":2,\"m\":3}").objectValue)
        #expect(object.keys == ["z", "a", "m"])
    }

    @Test func acceptsNestingExactlyAtTheLimit() throws {
        let depth = 64
        let document = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(document)
        var levels = 0
        while let elements = value.arrayValue {
            levels += 1
            value = elements.first ?? .null
        }
        #expect(levels == depth)
        #expect(try JSONParser.parse("{\"a\":{\"b\":1}}", maxDepth: 2) == ["a": ["b": 1]])
    }

    @Test func depthZeroAllowsOnlyScalars() throws {
        #expect(try JSONParser.parse("\"a\"", maxDepth: 0) == "a")
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[]", maxDepth: 0) }
    }

    @Test func readsLargeObjectsAndArrays() throws {
        let count = 5_000
        let members = (0..<count).map { "\"key\($0)\":\($0)" }.joined(separator: ",")
        let object = try #require(try JSONParser.parse("{\(members)}").objectValue)
        #expect(object.count == count)
        #expect(object["key4321"] == 4321)
        let array = try #require(try JSONParser.parse("[" + (0..<count).map(String.init).joined(separator: ",") + "]").arrayValue)
        #expect(array.count == count)
        #expect(array.last?.int64Value == Int64(count - 1))
    }
}
