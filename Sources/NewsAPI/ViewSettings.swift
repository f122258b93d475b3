import HTTP

/// How views are limited.
public struct ViewSettings: Sendable {
    /// Views one client may send per period, across articles (the `view` rate class).
    public var rate = RateLimit(60, per: .seconds(60), burst: 20)
    /// A client's further views of one article within this span are accepted but not counted.
    public var repeatWindow: Duration = .seconds(600)

    public init() {}
}
