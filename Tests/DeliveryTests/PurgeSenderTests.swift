import HTTP
import JSON
import Testing

@testable import Delivery

/// The request shapes of the purge targets: what Varnish's VCL, Fastly's and Cloudflare's
/// purge APIs are sent for the same keys.
@Suite struct PurgeSenderTests {
    private func header(_ request: OutboundRequest, _ name: String) -> String? {
        request.headers.first { $0.name == name }?.value
    }

    @Test func varnishGetsAPurgeWithTheKeysInXkeyPurge() throws {
        let target = PurgeTarget(kind: .varnish, url: try OutboundURL("http://127.0.0.1:6081/"))
        let request = PurgeSender.request(["article-1", "list"], to: target)
        #expect(request.method == "PURGE" && request.url.target == "/")
        #expect(header(request, "xkey-purge") == "article-1 list")
        #expect(request.body.isEmpty)
        #expect(target.name == "varnish http://127.0.0.1:6081/")
    }

    @Test func fastlyGetsItsSurrogateKeyPurgeWithTheToken() throws {
        let target = PurgeTarget(kind: .fastly, url: try OutboundURL("https://api.fastly.com/service/SU1Z0isxPaozGVKXdv0eY/purge"), token: "secret")
        let request = PurgeSender.request(["article-1", "search"], to: target)
        #expect(request.method == "POST" && request.url.target == "/service/SU1Z0isxPaozGVKXdv0eY/purge")
        #expect(header(request, "Surrogate-Key") == "article-1 search")
        #expect(header(request, "Fastly-Key") == "secret")
        #expect(!target.name.contains("secret"), "the token never appears in the target's name or the log")
    }

    @Test func cloudflareGetsItsPurgeByTagWithTheToken() throws {
        let target = PurgeTarget(
            kind: .cloudflare, url: try OutboundURL("https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"),
            token: "secret")
        let request = PurgeSender.request(["article-1", "category-3"], to: target)
        #expect(request.method == "POST")
        #expect(header(request, "Authorization") == "Bearer secret")
        #expect(header(request, "Content-Type") == "application/json")
        #expect(try JSONParser.parse(request.body)["tags"]?.arrayValue?.compactMap(\.stringValue) == ["article-1", "category-3"])
    }

    @Test func eachTargetTakesItsOwnNumberOfKeysARequest() throws {
        let url = try OutboundURL("http://127.0.0.1/")
        #expect(PurgeTarget(kind: .cloudflare, url: url).keysPerRequest == 30)
        #expect(PurgeTarget(kind: .fastly, url: url).keysPerRequest == 256)
        #expect(PurgeTarget(kind: .varnish, url: url).keysPerRequest == 100)
    }

    @Test func aCDNWithoutItsTokenInTheEnvironmentIsRefused() throws {
        var settings = PurgeSettings()
        settings.cloudflare = try OutboundURL("https://api.cloudflare.com/client/v4/zones/z/purge_cache")
        #expect(throws: PurgeSettings.MissingToken.self) { try settings.targets(environment: [:]) }
        let targets = try settings.targets(environment: [PurgeSettings.cloudflareTokenVariable: "t"])
        #expect(targets == [PurgeTarget(kind: .cloudflare, url: settings.cloudflare!, token: "t")])
    }
}
