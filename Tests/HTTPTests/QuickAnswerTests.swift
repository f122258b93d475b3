import Testing

@testable import HTTP

/// Quick answers (`QuickAnswer`): tried on the I/O loop for requests without credentials,
/// after the route's policy, which a request that goes on to a worker does not pass twice.
@Suite struct QuickAnswerTests {
    /// A route whose quick answer has `/kept` only, and a rate of one request per client.
    private let router: Router = {
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        let rate = RateClass("test", limit: RateLimit(1, per: .seconds(3600), burst: 1))
        router.get(
            "/pages/{name}", .public, rate: rate, query: ["page"],
            quick: { request in request.path == "/pages/kept" ? Response(body: Array("kept".utf8)) : nil }
        ) { context in Response(body: Array("rendered \(context.parameters["name"]!)".utf8)) }
        return router
    }()

    private let client = Client(key: ClientKey("192.0.2.1"), isLimited: true)

    private func match(_ request: Request, from client: Client) -> RouteMatch {
        router.route(request, client: client, requestID: "q")
    }

    @Test func aKeptAnswerIsGivenAndLabelledWithItsRoute() {
        let request = Request(method: .get, target: "/pages/kept")
        var match = match(request, from: client)
        let answer = router.quickResponse(to: request, &match)
        #expect(answer.map { String(decoding: $0.body, as: UTF8.self) } == "kept")
        #expect(answer?.route == "/pages/{name}")
    }

    @Test func aMissIsAdmittedOnceAndTheWorkerDoesNotSpendTheRateAgain() {
        let request = Request(method: .get, target: "/pages/other")
        var match = match(request, from: client)
        #expect(router.quickResponse(to: request, &match) == nil)
        #expect(match.caller == .anonymous)
        // The client's one request is spent; answering it on a worker checks nothing again.
        let response = router.respond(to: request, match)
        #expect(response.status == .ok)
        #expect(String(decoding: response.body, as: UTF8.self) == "rendered other")
        // The next one is refused from the loop.
        let next = Request(method: .get, target: "/pages/kept")
        var nextMatch = self.match(next, from: client)
        #expect(router.quickResponse(to: next, &nextMatch)?.status == .tooManyRequests)
    }

    @Test func aRefusalOfThePolicyIsTheQuickAnswer() {
        let request = Request(method: .get, target: "/pages/kept?unknown=1")
        var match = match(request, from: client)
        #expect(router.quickResponse(to: request, &match)?.status == .badRequest)
    }

    @Test func requestsWithCredentialsAndRoutesWithoutOneGoToAWorker() {
        var headers = Headers()
        headers.set("Authorization", "Bearer x")
        let withToken = Request(method: .get, target: "/pages/kept", headers: headers)
        var tokenMatch = match(withToken, from: client)
        #expect(router.quickResponse(to: withToken, &tokenMatch) == nil)
        #expect(tokenMatch.caller == nil)
        let missing = Request(method: .get, target: "/nothing")
        var missingMatch = match(missing, from: client)
        #expect(router.quickResponse(to: missing, &missingMatch) == nil)
    }

    @Test func aHandlerLearnsThatItsRoutesQuickAnswerWasAskedAndHadNone() {
        var router = Router(logger: Logger(level: .off, sink: LogSink()))
        let echo: Handler = { context in Response(body: Array(String(context.quickAnswerMissed).utf8)) }
        router.get("/quick/{name}", .public, rate: nil, quick: { _ in nil }, echo)
        router.get("/plain", .public, rate: nil, echo)
        func answer(_ target: String) -> String {
            let response = router.respond(to: Request(method: .get, target: target), requestID: "q")
            return "\(response.status.code) \(String(decoding: response.body, as: UTF8.self))"
        }
        #expect(answer("/quick/a") == "200 true")
        #expect(answer("/plain") == "200 false")
    }
}
