import HTTP
import Testing

@testable import NewsAPI

@Suite struct HealthRoutesTests {
    @Test func readinessFollowsTheDatabase() throws {
        let api = try TestAPI()
        defer { api.close() }
        let ready = api.router.respond(to: Request(method: .get, target: "/readyz"), requestID: "t")
        #expect(ready.status == .ok)
        #expect(String(decoding: ready.body, as: UTF8.self) == #"{"status":"ready","schema_version":\#(api.database.expectedSchemaVersion)}"#)
        #expect(ready.headers["Cache-Control"] == "no-store")
        // A closed pool is what an unreachable database looks like from here: 503, while
        // liveness still answers.
        api.database.close()
        let down = api.router.respond(to: Request(method: .get, target: "/readyz"), requestID: "t")
        #expect(down.status == .serviceUnavailable)
        #expect(down.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        #expect(api.router.respond(to: Request(method: .get, target: "/healthz"), requestID: "t").status == .ok)
    }
}
