import Testing

@testable import JSON

@Suite struct ObjectTests {
    @Test func looksUpMembers() throws {
        let object = try #require(try JSONParser.parse("{\"id\":1,\"title\":\"x\",\"draft\":false,\"editor\":null}").objectValue)
        #expect(object.keys == ["id", "title", "draft", "editor"])
        #expect(object["title"] == "x")
        #expect(object["draft"]?.boolValue == false)
        #expect(object["editor"]?.isNull == true)
        #expect(object["missing"] == nil)
        #expect(object.contains("editor"))
        #expect(!object.contains("Editor"))
        #expect(object.count == 4)
    }

    @Test func settingReplacesInPlaceAppendsOrRemoves() {
        var object: JSONObject = ["a": 1, "b": 2]
        object["a"] = "one"
        object["c"] = .null
        object["b"] = nil
        object["never"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == "one")
        #expect(object["c"] == .null)
    }

    @Test func equalityIgnoresMemberOrder() throws {
        let forward = try JSONParser.parse("{\"a\":1,\"b\":[2],\"c\":{\"d\":null}}")
        let backward = try JSONParser.parse("{\"c\":{\"d\":null},\"b\":[2],\"a\":1}")
        #expect(forward == backward)
        #expect(forward != (try JSONParser.parse("{\"a\":1,\"b\":[2],\"c\":{\"d\":0}}")))
        #expect(forward != (try JSONParser.parse("{\"a\":1,\"b\":[2]}")))
        #expect(forward != (try JSONParser.parse("{\"a\":1,\"b\":[2],\"e\":{\"d\":null}}")))
    }

    @Test func canonicallyEquivalentKeysAreDistinct() throws {
        // "é" precomposed and decomposed are different JSON keys, so this is not a duplicate.
        let object = try #require(try JSONParser.parse("{\"\u{E9}\":1,\"e\u{301}\":2}").objectValue)
        #expect(object.count == 2)
        #expect(object["\u{E9}"] == 1)
        #expect(object["e\u{301}"] == 2)
    }

    @Test func accessorsOnOtherKindsAreNil() {
        let value: JSONValue = [1]
        #expect(value.objectValue == nil)
        #expect(value["a"] == nil)
        #expect(value.stringValue == nil)
        #expect(value.boolValue == nil)
        #expect(!value.isNull)
        #expect(value.arrayValue == [1])
    }
}
