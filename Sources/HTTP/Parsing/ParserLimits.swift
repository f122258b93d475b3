/// Size limits enforced while a request is parsed. Each one is checked before the bytes it
/// bounds are buffered, so a hostile client cannot make the server hold more than these.
public struct ParserLimits: Sendable, Equatable {
    /// Longest request line (method, target, version) in bytes; longer gets 414.
    public var maxRequestLineLength = 8 * 1024
    /// Largest field section (all header lines after the request line) in bytes; larger gets 431.
    public var maxHeaderBlockSize = 16 * 1024
    /// Most header fields (trailer fields count too); more gets 431.
    public var maxHeaderCount = 100
    /// Largest request body after de-chunking; larger gets 413 before the body is read.
    public var maxBodySize = 1024 * 1024
    /// Longest chunk-size line with its extensions; chunk extensions carry nothing we use.
    public var maxChunkLineLength = 4 * 1024
    /// Most bytes of chunked framing (chunk-size lines with their extensions, the CRLF after
    /// each chunk's data) in one body; more gets 413. It grows with the body limit so that any
    /// body within it fits even in 1-byte chunks (`1\r\n` + data + `\r\n`: 5 framing bytes per
    /// byte), plus 64 KB for the last chunk and extensions; there is no limit on the number of
    /// chunks. The body timeout bounds the time a body takes.
    public var maxChunkFramingBytes: Int { 5 * maxBodySize + 64 * 1024 }
    /// Empty lines tolerated before a request line (RFC 9112 §2.2 asks for at least one).
    public var maxLeadingEmptyLines = 8

    public init() {}
}
