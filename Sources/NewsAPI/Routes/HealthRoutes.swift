import HTTP
import NewsStore

/// `/healthz` (liveness: the process is up and its HTTP stack answers) and `/readyz`
/// (readiness: the database answers and carries every migration), for Docker's health check
/// and load balancers. Neither is ever cached, nor rate-limited, and both run on the reserved
/// worker: busy workers cannot make a health check time out.
enum HealthRoutes {
    private static let ok = Array(#"{"status":"ok"}"#.utf8)

    static func register(on router: inout Router, database: NewsDatabase) {
        router.get("/healthz", .public, rate: nil, lane: .reserved) { _ in
            var response = Response.json(ok)
            response.headers.set("Cache-Control", "no-store")
            return response
        }
        router.get("/readyz", .public, rate: nil, lane: .reserved) { _ in
            var response: Response
            if database.isReady() {
                response = Response.json(Array(#"{"status":"ready","schema_version":\#(database.expectedSchemaVersion)}"#.utf8))
            } else {
                response =
                    ProblemDetails(
                        status: .serviceUnavailable, detail: "The database does not answer or lacks migrations."
                    ).response
            }
            response.headers.set("Cache-Control", "no-store")
            return response
        }
    }
}
