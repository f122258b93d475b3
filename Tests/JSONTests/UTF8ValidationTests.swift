import Testing

@testable import JSON

@Suite struct UTF8ValidationTests {
    struct ByteSequence: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { name }
    }

    static let invalidSequences: [ByteSequence] = [
        ByteSequence(name: "lone continuation byte", bytes: [0x80]),
        ByteSequence(name: "overlong slash, two bytes", bytes: [0xC0, 0xAF]),
        ByteSequence(name: "overlong, lead C1", bytes: [0xC1, 0xBF]),
        ByteSequence(name: "overlong slash, three bytes", bytes: [0xE0, 0x80, 0xAF]),
        ByteSequence(name: "overlong U+07FF, three bytes", bytes: [0xE0, 0x9F, 0xBF]),
        ByteSequence(name: "overlong slash, four bytes", bytes: [0xF0, 0x80, 0x80, 0xAF]),
        ByteSequence(name: "surrogate U+D800 in UTF-8", bytes: [0xED, 0xA0, 0x80]),
        ByteSequence(name: "surrogate U+DFFF in UTF-8", bytes: [0xED, 0xBF, 0xBF]),
        ByteSequence(name: "above U+10FFFF", bytes: [0xF4, 0x90, 0x80, 0x80]),
        ByteSequence(name: "lead F5", bytes: [0xF5, 0x80, 0x80, 0x80]),
        ByteSequence(name: "byte FE", bytes: [0xFE]),
        ByteSequence(name: "byte FF", bytes: [0xFF]),
        ByteSequence(name: "two-byte sequence cut short", bytes: [0xC3]),
        ByteSequence(name: "three-byte sequence cut short", bytes: [0xE2, 0x82]),
        ByteSequence(name: "four-byte sequence cut short", bytes: [0xF0, 0x9F, 0x98]),
        ByteSequence(name: "ASCII where a continuation belongs", bytes: [0xE2, 0x28, 0xA1]),
    ]

    static let validSequences: [ByteSequence] = [
        ByteSequence(name: "U+0080", bytes: [0xC2, 0x80]),
        ByteSequence(name: "U+07FF", bytes: [0xDF, 0xBF]),
        ByteSequence(name: "U+0800", bytes: [0xE0, 0xA0, 0x80]),
        ByteSequence(name: "U+D7FF", bytes: [0xED, 0x9F, 0xBF]),
        ByteSequence(name: "U+E000", bytes: [0xEE, 0x80, 0x80]),
        ByteSequence(name: "U+FFFF", bytes: [0xEF, 0xBF, 0xBF]),
        ByteSequence(name: "U+10000", bytes: [0xF0, 0x90, 0x80, 0x80]),
        ByteSequence(name: "U+10FFFF", bytes: [0xF4, 0x8F, 0xBF, 0xBF]),
    ]

    @Test(arguments: invalidSequences)
    func rejectsInvalidUTF8InStrings(_ sequence: ByteSequence) {
        let document = Array("[\"ok".utf8) + sequence.bytes + Array("\"]".utf8)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document) }
        #expect(error?.offset == 4)
        #expect(error?.message == "Invalid JSON at byte 4: invalid UTF-8 in a string.")
    }

    @Test func rejectsASequenceCutOffByTheEndOfInput() {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0x61, 0xF0, 0x9F]) }
        #expect(error?.offset == 2)
    }

    @Test(arguments: validSequences)
    func acceptsBoundaryScalars(_ sequence: ByteSequence) throws {
        let value = try JSONParser.parse([0x22] + sequence.bytes + [0x22])
        #expect(value.stringValue.map { Array($0.utf8) } == sequence.bytes)
    }

    @Test func rejectsNonASCIIBytesOutsideStrings() {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse([0x5B, 0xD8, 0xAF, 0x5D]) }
        #expect(error?.offset == 1)
        #expect(error?.message == "Invalid JSON at byte 1: expected a JSON value, found byte 0xD8.")
    }
}
