/// The parsed and checked head of a request: request line, fields, and the message framing
/// they imply (RFC 9112 §3, §5, §6).
struct RequestHead {
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    let method: Method
    let target: String
    let version: Version
    let headers: Headers
    let framing: Framing
    let keepAlive: Bool
    let expectsContinue: Bool

    func request(body: [UInt8]) -> Request {
        Request(method: method, target: target, version: version, headers: headers, body: body, keepAlive: keepAlive)
    }

    /// Builds the head from its request line, parsed when that line ended, and the field lines
    /// in `bytes[start..<end]`, which end with the empty line.
    init(_ requestLine: RequestLine, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, limits: ParserLimits) throws(ParseError) {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(16)
        var lineStart = start
        while lineStart < end - 2 {
            let lineEnd = RequestParser.firstLineFeed(bytes, from: lineStart)! - 1
            let field = try FieldLine(bytes, from: lineStart, to: lineEnd)
            fields.append((field.name, field.value))
            lineStart = lineEnd + 2
        }
        let headers = Headers(lowercasedFields: fields)

        self.method = requestLine.method
        self.target = requestLine.target
        self.version = requestLine.version
        self.headers = headers
        try Self.checkHost(headers, version: version)
        self.framing = try Self.framing(headers, version: version, limits: limits)
        self.keepAlive = Self.keepAlive(headers, version: version)
        self.expectsContinue = try Self.expectsContinue(headers, version: version, framing: framing)
    }

    /// HTTP/1.1 needs exactly one Host field; HTTP/1.0 at most one (RFC 9112 §3.2).
    private static func checkHost(_ headers: Headers, version: Version) throws(ParseError) {
        let hosts = headers.values("host")
        if hosts.count > 1 { throw .bad("More than one Host header field.") }
        if hosts.isEmpty {
            if version == .http1_1 { throw .bad("HTTP/1.1 requests must carry a Host header field.") }
            return
        }
        guard hosts[0].utf8.allSatisfy({ ByteClass.host[Int($0)] }) else {
            throw .bad("The Host header field is not a valid host and port.")
        }
    }

    /// Decides how the body is delimited (RFC 9112 §6.3). Anything ambiguous is refused: a
    /// proxy in front might have read the message differently.
    private static func framing(_ headers: Headers, version: Version, limits: ParserLimits) throws(ParseError) -> Framing {
        let transferEncodings = headers.values("transfer-encoding")
        let contentLengths = headers.values("content-length")
        if !transferEncodings.isEmpty {
            guard contentLengths.isEmpty else {
                throw .bad("Content-Length and Transfer-Encoding must not both be present.")
            }
            guard version == .http1_1 else { throw .bad("Transfer-Encoding is not allowed in an HTTP/1.0 request.") }
            let codings = transferEncodings.flatMap { listElements($0) }.map { $0.lowercased() }
            guard codings.allSatisfy({ $0 == "chunked" }) else {
                throw ParseError(.notImplemented, "Only the chunked transfer coding is supported.")
            }
            guard codings.count == 1 else { throw .bad("The chunked transfer coding must be applied exactly once.") }
            return .chunked
        }
        guard !contentLengths.isEmpty else { return .none }
        var length: Int?
        // Unlike other lists, an empty element ("5,") is refused: the grammar is 1*DIGIT, and the
        // list form only exists for identical repeated values.
        let elements = contentLengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for element in elements.map({ $0.trimmingOWS }) {
            guard let value = parseContentLength(element) else { throw .bad("Content-Length is not a valid number.") }
            if let length, length != value { throw .bad("Conflicting Content-Length values.") }
            length = value
        }
        guard let length else { throw .bad("Content-Length is empty.") }
        if length > limits.maxBodySize {
            throw ParseError(.contentTooLarge, "The request body is larger than \(limits.maxBodySize) bytes.")
        }
        return .length(length)
    }

    /// `1*DIGIT`, at most 18 digits so the value cannot overflow.
    private static func parseContentLength(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard let digit = RequestLine.digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// The elements of a comma-separated field value, with surrounding whitespace removed and
    /// empty elements dropped (RFC 9110 §5.6.1).
    static func listElements(_ value: String) -> [Substring] {
        value.split(separator: ",", omittingEmptySubsequences: true).map(\.trimmingOWS).filter { !$0.isEmpty }
    }

    /// Persistence rules of RFC 9112 §9.3: 1.1 stays open unless told `close`; 1.0 closes unless
    /// told `keep-alive`.
    private static func keepAlive(_ headers: Headers, version: Version) -> Bool {
        let options = headers.values("connection").flatMap { listElements($0) }.map { $0.lowercased() }
        if options.contains("close") { return false }
        return version == .http1_1 || options.contains("keep-alive")
    }

    /// `Expect: 100-continue` (case-insensitive); any other expectation gets 417. HTTP/1.0
    /// clients cannot understand 100, so their expectation is ignored (RFC 9110 §10.1.1).
    private static func expectsContinue(_ headers: Headers, version: Version, framing: Framing) throws(ParseError) -> Bool {
        guard version == .http1_1, let expect = headers["expect"] else { return false }
        guard expect.lowercased() == "100-continue", headers.values("expect").count == 1 else {
            throw ParseError(.expectationFailed, "Only the 100-continue expectation is supported.")
        }
        return framing != .none && framing != .length(0)
    }
}

extension Substring {
    /// Without the optional whitespace (SP, HTAB) around it.
    var trimmingOWS: Substring {
        let isOWS: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isOWS($0) }), let last = lastIndex(where: { !isOWS($0) }) else { return "" }
        return self[first...last]
    }
}
