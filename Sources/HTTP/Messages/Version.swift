/// The HTTP version of a request. Only 1.x reaches the application: the parser answers 505 to
/// any other major version, and treats 1.2 and above as 1.1 (RFC 9110 §2.5).
public enum Version: Sendable, Hashable {
    case http1_0
    case http1_1
}
