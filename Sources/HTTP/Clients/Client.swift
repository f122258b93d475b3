/// Who a request comes from, worked out once per request by the transport: the key its limits
/// count under, and whether they apply to it at all.
public struct Client: Sendable, Equatable {
    public let key: ClientKey
    /// False for a request from this machine that no proxy forwarded (see
    /// `ClientIdentification.client(of:)`): per-client limits leave it alone.
    public let isLimited: Bool

    public init(key: ClientKey, isLimited: Bool) {
        self.key = key
        self.isLimited = isLimited
    }
}
