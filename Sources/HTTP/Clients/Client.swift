/// Who a request comes from, worked out once per request by the transport: the key its limits
/// count under, and whether they apply to it at all.
public struct Client: Sendable, Equatable {
    public let key: ClientKey
    /// False for a request from this machine that no proxy forwarded (see
    /// `ClientIdentification.client(of:)`): per-client limits leave it alone.
    public let isLimited: Bool
    /// The address `key` was made from, as text: the connection's peer, or the address a
    /// trusted proxy forwarded. Empty for a request that came from no socket.
    public let address: String

    public init(key: ClientKey, isLimited: Bool, address: String = "") {
        self.key = key
        self.isLimited = isLimited
        self.address = address
    }
}
