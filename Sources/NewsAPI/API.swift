import HTTP

/// Builds the application's router: every route the server answers.
public enum API {
    public static func makeRouter(logger: Logger) -> Router {
        var router = Router(logger: logger)
        HealthRoutes.register(on: &router)
        return router
    }
}
