import Testing

@testable import HTTP

@Suite struct RouterTests {
    struct Failure: Error {}

    private let router: Router = {
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        router.get("/api/v1/articles/{id}", .public, rate: nil, query: .any) { context in
            Response(body: Array("article \(context.parameters["id"]!)".utf8))
        }
        router.get("/api/v1/articles/popular", .public, rate: nil, query: .any) { _ in Response(body: Array("popular".utf8)) }
        router.post("/api/v1/articles", .public, rate: nil, query: .any) { _ in Response(status: .created) }
        router.get("/api/v1/articles", .public, rate: nil, query: .any) { context in
            let tags = context.query.values("tag").joined(separator: "|")
            return Response(body: Array("q=\(context.query["q"] ?? "-") tags=\(tags)".utf8))
        }
        router.get("/fails/problem", .public, rate: nil, query: .any) { _ in throw ProblemDetails(status: .conflict, detail: "taken") }
        router.get("/fails/unexpected", .public, rate: nil, query: .any) { _ in throw Failure() }
        return router
    }()

    private func respond(_ method: Method, _ target: String) -> Response {
        router.respond(to: Request(method: method, target: target), requestID: "test")
    }

    private func text(_ response: Response) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func arabicSlugIsPercentDecoded() {
        let response = respond(.get, "/api/v1/articles/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9")
        #expect(response.status == .ok)
        #expect(text(response) == "article سياسة")
    }

    @Test func plusInAPathSegmentIsNotASpace() {
        #expect(text(respond(.get, "/api/v1/articles/a+b%20c")) == "article a+b c")
    }

    @Test func invalidPercentEncodingOrUTF8IsABadRequest() {
        #expect(respond(.get, "/api/v1/articles/%D8").status == .badRequest)
        #expect(respond(.get, "/api/v1/articles/%ZZ").status == .badRequest)
        #expect(respond(.get, "/api/v1/articles/%FF%FE").status == .badRequest)
        #expect(respond(.get, "/api/v1/articles?q=%C3").status == .badRequest)
    }

    @Test func anEscapedLiteralSegmentMatchesTheLiteral() {
        // Segments with escapes are compared decoded; the others as they arrived.
        #expect(text(respond(.get, "/api/v1/%61rticles/popular")) == "popular")
        #expect(text(respond(.get, "/api/v1/articles/%70opular")) == "popular")
        #expect(respond(.get, "/api/v1/Articles/popular").status == .notFound)
    }

    @Test func aBadEscapeIsABadRequestWhereverItIs() {
        // Even in a segment that no route would have reached.
        #expect(respond(.get, "/nothing/%ZZ/here").status == .badRequest)
        #expect(respond(.get, "/api/v1/articles/popular/%").status == .badRequest)
    }

    @Test func pathParametersKeepTheLastValueOfEachName() {
        var parameters: PathParameters = ["id": "1", "slug": "a"]
        parameters["id"] = "2"
        #expect(parameters["id"] == "2")
        #expect(parameters["slug"] == "a")
        parameters["slug"] = nil
        #expect(parameters["slug"] == nil)
        #expect(parameters["other"] == nil)
    }

    @Test func literalSegmentsWinOverParameters() {
        #expect(text(respond(.get, "/api/v1/articles/popular")) == "popular")
        #expect(text(respond(.get, "/api/v1/articles/popular2")) == "article popular2")
    }

    @Test func queryDecodesPlusAndPercentTwentyAndRepeats() {
        #expect(
            text(respond(.get, "/api/v1/articles?q=%D8%AF%D9%85%D8%B4%D9%82+%D8%B3%D9%88%D8%B1%D9%8A%D8%A7&tag=a%20b&tag=c"))
                == "q=دمشق سوريا tags=a b|c")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() {
        #expect(respond(.get, "/nothing").status == .notFound)
        #expect(respond(.get, "/api/v1/articles/").status == .notFound)
        #expect(respond(.get, "/api/v1/articles/a/b").status == .notFound)
        let response = respond(.delete, "/api/v1/articles")
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "POST, GET, HEAD, OPTIONS")
        #expect(response.headers["Content-Type"] == "application/problem+json; charset=utf-8")
    }

    @Test func headIsServedByGet() {
        #expect(text(respond(.head, "/api/v1/articles/popular")) == "popular")
    }

    @Test func optionsListsTheAllowedMethods() {
        let response = respond(.options, "/api/v1/articles/x")
        #expect(response.status == .noContent)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
        let server = respond(.options, "*")
        #expect(server.status == .noContent)
        #expect(server.headers["Allow"] == "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")
    }

    @Test func methodsWithoutHandlersAreNotAllowedWithAllow() {
        for method in ["PROPFIND", "TRACE", "QUERY", "BREW"] {
            let response = respond(.other(method), "/api/v1/articles")
            #expect(response.status == .methodNotAllowed, "\(method)")
            #expect(response.headers["Allow"] == "POST, GET, HEAD, OPTIONS", "\(method)")
            #expect(respond(.other(method), "/nowhere").status == .notFound, "\(method)")
        }
        // CONNECT names a host, not a resource here.
        #expect(respond(.other("CONNECT"), "example.com:443").status == .notFound)
    }

    @Test func thrownProblemsBecomeTheirResponseAndOtherErrorsA500WithoutDetails() {
        let problem = respond(.get, "/fails/problem")
        #expect(problem.status == .conflict)
        #expect(text(problem) == #"{"type":"about:blank","title":"Conflict","status":409,"detail":"taken"}"#)
        let unexpected = respond(.get, "/fails/unexpected")
        #expect(unexpected.status == .internalServerError)
        #expect(!text(unexpected).contains("Failure"))
    }
}
