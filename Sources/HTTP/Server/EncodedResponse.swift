/// A response ready for the socket: its serialized head and the body bytes that follow it.
///
/// The body is the array the handler rendered (often one kept in a response cache), shared
/// rather than copied behind the head: both leave in one `sendmsg(2)` with two parts, so a
/// 20 KB listing is not copied once more per request only to be sent.
struct EncodedResponse: Sendable {
    var head: [UInt8]
    var body: [UInt8]
    /// Whether the head announces a close (`Connection: close`).
    var close: Bool

    var count: Int { head.count + body.count }
}
