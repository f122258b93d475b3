import HTTP

/// A complete response thrown from deep in a handler (a challenge with its headers, a
/// redirect), which the router sends as it is.
struct FinishedResponse: ResponseError {
    let response: Response
}
