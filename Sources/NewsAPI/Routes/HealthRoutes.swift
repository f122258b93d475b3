import HTTP

/// Liveness: the process is up and its HTTP stack answers. Readiness (database checks) is a
/// separate concern and route.
enum HealthRoutes {
    private static let ok = Array(#"{"status":"ok"}"#.utf8)

    static func register(on router: inout Router) {
        router.get("/healthz") { _ in
            var response = Response.json(ok)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
    }
}
