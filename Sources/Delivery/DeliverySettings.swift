import HTTP

/// How the delivery loop sends: the settings `webhooks_timeout`, `webhooks_retry_schedule` and
/// `webhooks_allow_private`.
public struct DeliverySettings: Sendable {
    /// One attempt's whole time: connecting, sending, and the receiver's answer.
    public var timeout: Duration = .seconds(10)
    public var retrySchedule = RetrySchedule.standard
    /// Whether receivers on loopback, private, link-local and similar addresses may be
    /// reached: off, so a subscription cannot make the server probe its own network.
    public var allowPrivateAddresses = false
    /// The `User-Agent` of deliveries: `NewsStore/<version>`.
    public var userAgent = "NewsStore"

    public init() {}

    var addressPolicy: AddressPolicy { allowPrivateAddresses ? .allowPrivate : .publicOnly }
}
