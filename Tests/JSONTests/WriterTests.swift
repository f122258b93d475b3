import Testing

@testable import JSON

@Suite struct WriterTests {
    private func text(_ write: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(capacity: 64)
        write(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    @Test func writesNestedStructuresWithCommasAndNoSpaces() {
        let output = text { writer in
            writer.beginObject()
            writer.member("id", 42)
            writer.key("tags")
            writer.beginArray()
            writer.string("politics")
            writer.string("syria")
            writer.endArray()
            writer.key("author")
            writer.beginObject()
            writer.member("name", "Rana")
            writer.member("bio", nil as String?)
            writer.endObject()
            writer.key("empty")
            writer.beginArray()
            writer.endArray()
            writer.key("none")
            writer.beginObject()
            writer.endObject()
            writer.member("score", 0.5)
            writer.member("live", true)
            writer.member("views", Int64(9))
            writer.endObject()
        }
        #expect(
            output
                == #"{"id":42,"tags":["politics","syria"],"author":{"name":"Rana","bio":null},"empty":[],"none":{},"score":0.5,"live":true,"views":9}"#
        )
    }

    @Test func separatesElementsOfNestedArrays() {
        let output = text { writer in
            writer.beginArray()
            writer.beginArray()
            writer.int(1)
            writer.int(2)
            writer.endArray()
            writer.beginArray()
            writer.endArray()
            writer.beginArray()
            writer.beginObject()
            writer.endObject()
            writer.null()
            writer.endArray()
            writer.bool(false)
            writer.endArray()
        }
        #expect(output == "[[1,2],[],[{},null],false]")
    }

    @Test func nilMembersWriteNull() {
        let output = text { writer in
            writer.beginObject()
            writer.member("s", nil as String?)
            writer.member("i", nil as Int?)
            writer.member("l", nil as Int64?)
            writer.member("d", nil as Double?)
            writer.member("b", nil as Bool?)
            writer.member("v", nil as JSONValue?)
            writer.rawMember("r", nil)
            writer.member("present", JSONValue.array([1]))
            writer.rawMember("stored", Array("{\"k\":[1]}".utf8))
            writer.endObject()
        }
        #expect(output == #"{"s":null,"i":null,"l":null,"d":null,"b":null,"v":null,"r":null,"present":[1],"stored":{"k":[1]}}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let output = text { $0.string("say \"hi\"\\ \n\r\t\u{08}\u{0C}\u{00}\u{01}\u{1F} \u{7F}/") }
        #expect(output == #""say \"hi\"\\ \n\r\t\u0008\u000c\u0000\u0001\u001f "# + "\u{7F}/\"")
    }

    @Test func escapesKeysKnownOnlyAtRunTime() {
        let name = "a\"b\n<"
        let output = text { writer in
            writer.beginObject()
            writer.escapedKey(name)
            writer.int(1)
            writer.member("plain_key", 2)
            writer.member("k", 3)
            writer.endObject()
        }
        #expect(output == #"{"a\"b\n\u003c":1,"plain_key":2,"k":3}"#)
    }

    @Test func writesNonASCIIAsRawUTF8() {
        let headline = "دمشق توافق على المشاركة 😀"
        var writer = JSONWriter()
        writer.string(headline)
        #expect(writer.bytes == [0x22] + Array(headline.utf8) + [0x22])
    }

    @Test func writesIntegersExactly() {
        let values: [Int64] = [0, 7, -1, 10, 99, 100, -100, 1_234_567_890, Int64.max, Int64.min]
        let output = text { writer in
            writer.beginArray()
            for value in values {
                writer.int(value)
            }
            writer.int(-3)
            writer.endArray()
        }
        #expect(output == "[" + (values.map(String.init) + ["-3"]).joined(separator: ",") + "]")
    }

    @Test func writesDoublesAsShortestRoundTripText() throws {
        let values: [Double] = [0.1, 1.0, -0.0, 1e300, Double.leastNonzeroMagnitude, 123.456, -2.5e-8, Double.greatestFiniteMagnitude]
        for value in values {
            let output = text { $0.double(value) }
            #expect(output == value.description)
            let parsed = try #require(try JSONParser.parse(output).doubleValue)
            #expect(parsed == value && parsed.sign == value.sign)
        }
    }

    @Test func doubleTrapsOnNonFiniteValues() async {
        await #expect(processExitsWith: .failure) {
            var writer = JSONWriter()
            writer.double(.nan)
        }
    }

    @Test func splicesRawJSON() {
        let output = text { writer in
            writer.beginArray()
            writer.raw("{\"a\":1}")
            writer.raw(Array("2".utf8))
            writer.endArray()
        }
        #expect(output == #"[{"a":1},2]"#)
    }

    @Test func writesValuesKeepingNumberText() throws {
        let value = try JSONParser.parse(#" { "price" : 1.50 , "list" : [ 1e3 , -0 ] } "#)
        let output = text { $0.value(value) }
        #expect(output == #"{"price":1.50,"list":[1e3,-0]}"#)
        #expect(value.description == output)
    }

    @Test func writesValuesAsMembersAndElements() {
        let output = text { writer in
            writer.beginArray()
            writer.value(["k": [true, .null]])
            writer.value("s")
            writer.number(JSONNumber(3))
            writer.endArray()
        }
        #expect(output == #"[{"k":[true,null]},"s",3]"#)
    }
}
