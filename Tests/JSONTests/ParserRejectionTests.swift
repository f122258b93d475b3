import Testing

@testable import JSON

@Suite struct ParserRejectionTests {
    struct InvalidDocument: Sendable, CustomTestStringConvertible {
        let bytes: [UInt8]
        let offset: Int
        let reason: String
        init(_ text: String, at offset: Int, _ reason: String) {
            self.bytes = Array(text.utf8)
            self.offset = offset
            self.reason = reason
        }
        init(bytes: [UInt8], at offset: Int, _ reason: String) {
            self.bytes = bytes
            self.offset = offset
            self.reason = reason
        }
        var testDescription: String { "\(reason): \(bytes)" }
    }

    static let invalidDocuments: [InvalidDocument] = [
        // Structure.
        InvalidDocument("", at: 0, "empty input"),
        InvalidDocument(" \n ", at: 3, "only whitespace"),
        InvalidDocument("[1,]", at: 3, "trailing comma in array"),
        InvalidDocument("{\"a\":1,}", at: 7, "trailing comma in object"),
        InvalidDocument("[,1]", at: 1, "leading comma"),
        InvalidDocument("[1 2]", at: 3, "missing comma"),
        InvalidDocument("{\"a\" 1}", at: 5, "missing colon"),
        InvalidDocument("{\"a\":}", at: 5, "missing member value"),
        InvalidDocument("{a:1}", at: 1, "unquoted key"),
        InvalidDocument("{1:1}", at: 1, "number key"),
        InvalidDocument("{'a':1}", at: 1, "single-quoted key"),
        InvalidDocument("[1", at: 2, "unclosed array"),
        InvalidDocument("{\"a\":1", at: 6, "unclosed object"),
        InvalidDocument("[1}", at: 2, "mismatched bracket"),
        InvalidDocument("[1]]", at: 3, "extra closing bracket"),
        InvalidDocument("1 2", at: 2, "two top-level values"),
        InvalidDocument("{} x", at: 3, "trailing garbage"),
        InvalidDocument("'a'", at: 0, "single-quoted string"),
        // Comments.
        InvalidDocument("// note\n1", at: 0, "line comment"),
        InvalidDocument("/* note */ 1", at: 0, "block comment"),
        InvalidDocument("[1/*x*/]", at: 2, "comment inside array"),
        // Literals.
        InvalidDocument("tru", at: 0, "truncated true"),
        InvalidDocument("nul", at: 0, "truncated null"),
        InvalidDocument("True", at: 0, "capitalised true"),
        InvalidDocument("falsy", at: 0, "misspelt false"),
        InvalidDocument("[truex]", at: 5, "literal followed by letters"),
        InvalidDocument("NaN", at: 0, "NaN"),
        InvalidDocument("Infinity", at: 0, "Infinity"),
        InvalidDocument("-Infinity", at: 1, "negative Infinity"),
        // Numbers.
        InvalidDocument("01", at: 0, "leading zero"),
        InvalidDocument("-01", at: 0, "negative leading zero"),
        InvalidDocument("[00]", at: 1, "double zero"),
        InvalidDocument("-", at: 1, "lone minus"),
        InvalidDocument("- 1", at: 1, "minus then space"),
        InvalidDocument("+1", at: 0, "plus sign"),
        InvalidDocument(".5", at: 0, "no integer part"),
        InvalidDocument("1.", at: 2, "no fraction digits"),
        InvalidDocument("1.e5", at: 2, "no fraction digits before exponent"),
        InvalidDocument("1e", at: 2, "no exponent digits"),
        InvalidDocument("1e+", at: 3, "signed exponent without digits"),
        InvalidDocument("0x1F", at: 1, "hexadecimal"),
        InvalidDocument("1_000", at: 1, "digit separator"),
        // Strings.
        InvalidDocument("\"abc", at: 0, "unterminated string"),
        InvalidDocument("[\"a\\", at: 1, "unterminated escape"),
        InvalidDocument("\"a\\x\"", at: 2, "unknown escape"),
        InvalidDocument("\"\\a\"", at: 1, "bell escape"),
        InvalidDocument("\"\\'\"", at: 1, "escaped single quote"),
        InvalidDocument("\"\\u12\"", at: 1, "short unicode escape"),
        InvalidDocument("\"\\u12G4\"", at: 1, "non-hex unicode escape"),
        InvalidDocument("\"\\U0041\"", at: 1, "capital U escape"),
        InvalidDocument("\"\\ud83d\"", at: 1, "lone high surrogate"),
        InvalidDocument("\"x\\ud83dx\"", at: 2, "high surrogate followed by text"),
        InvalidDocument("\"\\ud83d\\u0041\"", at: 1, "high surrogate followed by a non-surrogate"),
        InvalidDocument("\"\\ud83d\\ud83d\"", at: 1, "two high surrogates"),
        InvalidDocument("\"\\ude00\"", at: 1, "lone low surrogate"),
        InvalidDocument("\"\\ude00\\ud83d\"", at: 1, "surrogates in the wrong order"),
        InvalidDocument("\"a\tb\"", at: 2, "raw tab in string"),
        InvalidDocument("\"\n\"", at: 1, "raw line feed in string"),
        InvalidDocument(bytes: [0x22, 0x00, 0x22], at: 1, "raw NUL in string"),
        InvalidDocument(bytes: [0x22, 0x1F, 0x22], at: 1, "raw unit separator in string"),
        // Whitespace and encoding outside strings.
        InvalidDocument("\u{FEFF}{}", at: 0, "byte order mark"),
        InvalidDocument("\u{A0}1", at: 0, "no-break space"),
        InvalidDocument("\u{0C}1", at: 0, "form feed"),
        InvalidDocument("\u{0B}1", at: 0, "vertical tab"),
        InvalidDocument(bytes: [0x31, 0x00], at: 1, "NUL after value"),
        // Duplicate keys.
        InvalidDocument("{\"a\":1,\"a\":2}", at: 7, "duplicate key"),
        InvalidDocument("{\"a\":1,\"\\u0061\":2}", at: 7, "duplicate key spelt with an escape"),
        InvalidDocument("[{\"x\":{\"k\":1},\"y\":{\"k\":1,\"k\":2}}]", at: 25, "duplicate key in a nested object"),
    ]

    @Test(arguments: invalidDocuments)
    func rejectsInvalidDocumentAtOffset(_ document: InvalidDocument) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document.bytes) }
        #expect(error?.offset == document.offset)
    }

    @Test func messagesNameTheByteAndTheProblem() {
        let cases: [(String, String)] = [
            ("{\"title\" \"x\"}", "Invalid JSON at byte 9: expected ':' after an object key."),
            ("[1,]", "Invalid JSON at byte 3: expected a JSON value, found ']'."),
            ("[1", "Invalid JSON at byte 2: expected ',' or ']' after an array element, found the end of the input."),
            ("{\"a\":1,\"a\":2}", "Invalid JSON at byte 7: duplicate object key \"a\"."),
            ("01", "Invalid JSON at byte 0: numbers must not have leading zeros."),
            ("\"\\ud83d\"", "Invalid JSON at byte 1: high surrogate \\uD83D is not followed by a low surrogate escape."),
            ("\"a\nb\"", "Invalid JSON at byte 2: control character U+000A must be escaped in a string."),
            ("\u{FEFF}1", "Invalid JSON at byte 0: a byte order mark is not allowed."),
            ("\"\\q\"", "Invalid JSON at byte 1: invalid escape sequence: 'q' after a backslash."),
        ]
        for (document, message) in cases {
            let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document) }
            #expect(error?.message == message)
            #expect(error?.description == message)
        }
    }

    @Test func duplicateKeyMessageShortensHugeKeys() {
        let key = String(repeating: "k", count: 10_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse("{\"\(key)\":1,\"\(key)\":2}") }
        #expect(error?.message.hasSuffix("\"\(String(repeating: "k", count: 40))\"….") == true)
    }

    @Test func findsDuplicatesInLargeObjects() {
        let members = (0..<100).map { "\"key\($0)\":\($0)" }
        let document = "{" + (members + ["\"key73\":0"]).joined(separator: ",") + "}"
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document) }
        #expect(error?.offset == document.utf8.count - 10)
        #expect(error?.message.contains("duplicate object key \"key73\"") == true)
    }

    @Test func hundredThousandOpenBracketsFailCleanly() {
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(brackets) }
        #expect(error?.offset == 64)
        #expect(error?.message == "Invalid JSON at byte 64: nesting is deeper than the maximum of 64 levels.")

        let objects = Array(String(repeating: "{\"a\":", count: 100_000).utf8)
        let objectError = #expect(throws: JSONParseError.self) { try JSONParser.parse(objects, maxDepth: 10) }
        #expect(objectError?.offset == 50)
    }

    @Test func deepNestingWithinAHugeLimitNeverOverflowsTheStack() {
        // The parser keeps open containers on the heap, so even a limit it never reaches is safe.
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(brackets, maxDepth: 1_000_000) }
        #expect(error?.offset == 100_000)
    }

    @Test func oneLevelPastTheLimitFails() {
        let document = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document) }
        #expect(error?.offset == 64)
    }
}
