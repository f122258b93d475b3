extension Response {
    /// 429 for a client over a limit, with `Retry-After` in whole seconds, rounded up.
    public static func tooManyRequests(retryAfter wait: Duration) -> Response {
        let (seconds, attoseconds) = wait.components
        let retryAfter = max(1, seconds + (attoseconds > 0 ? 1 : 0))
        var response = ProblemDetails(status: .tooManyRequests, detail: "Too many requests from this client; retry after \(retryAfter) s.").response
        response.headers.set("Retry-After", String(retryAfter))
        return response
    }
}
