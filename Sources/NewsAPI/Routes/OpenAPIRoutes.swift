import HTTP

/// `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of this API. It changes only with
/// a new build, so caches may keep it for an hour; the ETag makes revalidation cheap.
enum OpenAPIRoutes {
    static let path = "/api/v1/openapi.json"
    private static let representation = Representation(maxAge: 3600)

    static func register(on router: inout Router) {
        router.get(path, .public, rate: nil) { context in
            representation.respond(to: context.request, body: OpenAPIDocument.json, audience: .reader)
        }
    }
}
