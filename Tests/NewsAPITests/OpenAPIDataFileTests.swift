import Foundation
import HTTP
import JSON
import NewsStore
import TestSupport
import Testing

@testable import NewsAPI

/// The OpenAPI document as the data file `Sources/NewsAPI/OpenAPI/openapi.json`: what the server
/// serves is that file, byte for byte, valid and self-contained; the file stays reviewable; and
/// categories and tags, which are the same resource, are described once.
@Suite struct OpenAPIDataFileTests {
    @Test func servesTheDataFileAsValidJSONWithEveryReferenceResolving() throws {
        let api = try TestAPI()
        defer { api.close() }
        let response = api.router.respond(to: Request(method: .get, target: OpenAPIRoutes.path), requestID: "t")
        #expect(response.status == .ok)
        #expect(response.body == Array(try Data(contentsOf: URL(fileURLWithPath: Self.dataFilePath))))

        let document = try JSONParser.parse(response.body)
        var references: [String] = []
        OpenAPITests.collectReferences(document, into: &references)
        #expect(references.count > 50)
        for reference in Set(references) {
            #expect(OpenAPITests.resolve(reference, in: document)?.objectValue != nil, "\(reference) does not name an object")
        }
    }

    /// Pretty-printed with two spaces a level, as `json.dumps(indent=2)` or `jq` write it, so a
    /// change reads as a small diff.
    @Test func dataFileIsIndentedByTwoSpaces() throws {
        let text = try String(contentsOfFile: Self.dataFilePath, encoding: .utf8)
        #expect(text.hasPrefix("{\n") && text.hasSuffix("\n}\n"))
        var previousIndent = 0
        for (number, line) in text.split(separator: "\n").enumerated() {
            let indent = line.prefix { $0 == " " }.count
            #expect(!line.contains("\t") && !line.hasSuffix(" "), "line \(number + 1) has a tab or trailing space")
            #expect(indent % 2 == 0 && indent <= previousIndent + 2, "line \(number + 1) is not indented by two spaces a level")
            previousIndent = indent
        }
    }

    /// A category and a tag answer the same way: their operations differ only in names and
    /// prose, and what they share are references to one set of components.
    @Test func categoriesAndTagsShareTheirComponents() throws {
        let document = try OpenAPITests.document()
        let prose: Set<String> = ["operationId", "summary", "tags", "description"]
        func shape(_ path: String, _ method: String) throws -> [(key: String, value: JSONValue)] {
            let operation = try #require(document["paths"]?[path]?[method]?.objectValue, "\(method) \(path)")
            return operation.members.filter { !prose.contains($0.key) }
        }
        for (path, methods) in [("", ["get", "post"]), ("/{key}", ["get", "patch"])] {
            for method in methods {
                let category = try shape("/api/v1/categories" + path, method)
                let tag = try shape("/api/v1/tags" + path, method)
                #expect(category.map(\.key) == tag.map(\.key), "\(method) \(path)")
                #expect(zip(category, tag).allSatisfy { $0.value == $1.value }, "\(method) \(path) differ")
                var references: [String] = []
                OpenAPITests.collectReferences(.object(JSONObject(uniqueKeysWithValues: category)), into: &references)
                #expect(references.contains { $0.hasPrefix("#/components/responses/Term") }, "\(method) \(path)")
            }
        }
        let schemas = try #require(document["components"]?["schemas"]?.objectValue?.keys)
        #expect(!schemas.contains { $0.hasPrefix("Category") || $0.hasPrefix("Tag") })
    }

    /// The route policies: every route refuses an unknown query parameter (400), and every
    /// route but the service ones may be rate limited (429).
    @Test func everyOperationDocumentsTheRoutePolicies() throws {
        let document = try OpenAPITests.document()
        let unlimited = ["/healthz", "/readyz", OpenAPIRoutes.path]
        for (path, item) in try OpenAPITests.paths(of: document) {
            for (method, operation) in item.objectValue?.members ?? [] where OpenAPITests.operationKeys.contains(method) {
                let responses = operation["responses"]
                #expect(responses?["400"]?["$ref"] == "#/components/responses/BadRequest", "400 of \(method) \(path)")
                #expect((responses?["429"] != nil) == !unlimited.contains(path), "429 of \(method) \(path)")
            }
        }
    }

    /// The patterns that describe slugs and dates say what the server's own validators say, on
    /// cases at every edge of their rules (ICU's regular expressions read these ECMA-262 ones alike).
    @Test func patternsAgreeWithTheValidators() throws {
        let document = try OpenAPITests.document()
        let schemas = try #require(document["components"]?["schemas"])
        let slugs = [
            "abc", "a-b", "2025-n", "2025", "0", "a--b", "-a", "a-", "", "A", "دمشق", "دمشق-2025", "ـ", "أ", "a_b", "é",
            String(repeating: "a", count: 80), String(repeating: "a", count: 81),
        ]
        for name in ["TermPatch", "ArticlePatch"] {
            let slug = try Self.regex(schemas[name]?["properties"]?["slug"])
            for candidate in slugs {
                #expect(Self.matches(slug, candidate, maxLength: Slug.maxLength) == Slug.isValid(candidate), "\(name) slug \(candidate)")
            }
        }
        let dates = [
            "2025-07-04", "2025-7-4", "0000-01-01", "0001-01-01", "9999-12-31", "2025-02-29", "2024-02-29", "1900-02-29", "2000-02-29",
            "2025-04-31", "2025-13-01", "2025-07-04T09:30:00Z", "2025-07-04t09:30:00z", "2025-07-04T24:00:00Z", "2025-07-04T09:30:60Z",
            "2025-07-04T09:30:00.123456789+03:00", "2025-07-04T09:30:00.1234567890Z", "2025-07-04T09:30:00", "2025-07-04T09:30Z",
            "2025-07-04T09:30:00+24:00", "٢٠٢٥-07-04", "2025-07-04 ", "",
        ]
        let date = try Self.regex(schemas["DateOrDateTime"])
        for candidate in dates {
            #expect(Self.matches(date, candidate) == (Timestamp(dateOrDateTime: candidate) != nil), "date \(candidate)")
        }
    }

    static func regex(_ schema: JSONValue?) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: try #require(schema?["pattern"]?.stringValue))
    }

    static func matches(_ regex: NSRegularExpression, _ text: String, maxLength: Int = .max) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return text.unicodeScalars.count <= maxLength && regex.firstMatch(in: text, range: range) != nil
    }

    static let dataFilePath = repositoryPath("Sources/NewsAPI/OpenAPI/openapi.json")
}
