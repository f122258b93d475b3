import TestSupport
import Testing

@testable import JSON

@Suite struct FuzzTests {
    private static let seedDocuments = [
        #"{"id":12,"title":"دمشق توافق على المشاركة","tags":["a","b"],"draft":false,"editor":null}"#,
        #"[1,-0.5,2e10,"\u00e9\ud83d\ude00\n",[],{},[[{"k":true}]]]"#,
        #"{"a":{"b":{"c":[1,2,3,{"d":"\"quoted\""}]}},"e":-12.50E+3}"#,
        #""plain string with spaces""#,
        #"  [ null , true , false , 0 , "x" ]  "#,
    ]

    /// Bytes that matter to the grammar, plus a few that are invalid in every position.
    private static let interestingBytes: [UInt8] =
        Array(#"{}[]":,\/-+.eE0123456789tfnu "#.utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xD8, 0xED, 0xF0, 0xF4, 0xFF]

    private static func mutate(_ document: [UInt8], using generator: inout SeededRandom) -> [UInt8] {
        var bytes = document
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !bytes.isEmpty {
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: bytes[index] = interestingBytes.randomElement(using: &generator) ?? 0
            case 1: bytes.insert(interestingBytes.randomElement(using: &generator) ?? 0, at: index)
            case 2: bytes.remove(at: index)
            case 3: bytes[index] = UInt8.random(in: 0...255, using: &generator)
            default:
                let end = Int.random(in: index...bytes.count, using: &generator)
                bytes.insert(contentsOf: bytes[index..<end], at: index)
            }
        }
        return bytes
    }

    @Test func mutatedDocumentsEitherParseOrFailWithAnOffsetInRange() throws {
        var generator = SeededRandom(seed: 0x5EED_2026)
        var accepted = 0
        var rejected = 0
        for iteration in 0..<4_000 {
            let seed = Array(Self.seedDocuments[iteration % Self.seedDocuments.count].utf8)
            let mutated = Self.mutate(seed, using: &generator)
            do {
                let value = try JSONParser.parse(mutated)
                accepted += 1
                #expect(try JSONParser.parse(value.serialized) == value, "round trip of \(mutated)")
            } catch {
                rejected += 1
                #expect((0...mutated.count).contains(error.offset), "offset of \(mutated)")
                #expect(error.message.hasPrefix("Invalid JSON at byte \(error.offset): "))
            }
        }
        // Both outcomes must be exercised, or the mutations are too gentle or too harsh to test anything.
        #expect(accepted > 100)
        #expect(rejected > 1_000)
    }
}
