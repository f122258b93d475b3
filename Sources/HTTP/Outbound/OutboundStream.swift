/// A connected byte stream to a receiver, plain TCP or TLS over it. Every call is bounded by
/// the request's deadline.
protocol OutboundStream: AnyObject {
    /// Sends all of `bytes`.
    func write(_ bytes: [UInt8], deadline: Deadline) throws(OutboundError)
    /// Reads what is available into `buffer` (waiting for at least one byte); 0 at the end of
    /// the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws(OutboundError) -> Int
}
