import Glibc

/// What the parser found in the bytes it was given.
public enum ParseEvent: Sendable {
    /// The head of a request whose body follows (without the body): the server may decide on
    /// the request before reading the body, and must before a `100 Continue` when the client
    /// asks for one (`expectsContinue`) and waits.
    case head(Request, expectsContinue: Bool)
    /// A whole request, body included.
    case request(Request)
}

/// An incremental, strict HTTP/1.1 request parser (RFC 9112).
///
/// Feed it the connection's buffer and the index of the first unconsumed byte; it advances the
/// index past what it consumed and returns an event, or nil when it needs more bytes. A request
/// may be split at any byte boundary. Its state between calls is a small enum plus the body read
/// so far, so a slow client costs no more memory than the bytes it sent. Anything the RFC lets a
/// recipient reject is rejected: lenient parsing is how request smuggling starts when a proxy and
/// a server disagree about where a message ends.
public struct RequestParser: Sendable {
    public let limits: ParserLimits

    private enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    private var state = State.head
    /// Bytes of the head already searched for line ends, counted from the first unconsumed byte.
    private var scanned = 0
    /// Start of the line being scanned, relative to the first unconsumed byte.
    private var lineStart = 0
    private var lineCount = 0
    /// Where the field lines start: just past the request line, relative like `lineStart`.
    private var fieldsStart = 0
    private var leadingEmptyLines = 0
    /// The request line, parsed as soon as it ended; nil until then.
    private var requestLine: RequestLine?
    private var trailerCount = 0
    private var trailerBytes = 0
    /// Bytes of chunked framing read so far: chunk-size lines with their extensions, and the
    /// CRLF after each chunk's data. Bounded by bytes, not by a count of chunks, so a client
    /// may send its body in as many small chunks as it likes, but cannot make the server read
    /// an unbounded stream of framing (say 4 KB of extensions per byte of data) for one body.
    private var framingBytes = 0
    private var head: RequestHead?
    private var body: [UInt8] = []

    public init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits
    }

    /// Where the parser stands, for choosing which timeout applies to the connection.
    public enum Phase: Sendable { case idle, head, body }

    public var phase: Phase {
        switch state {
        case .head: scanned == 0 && lineStart == 0 ? .idle : .head
        default: .body
        }
    }

    /// Parses from `buffer[index...]`, advancing `index` past every byte consumed.
    public mutating func parse(_ buffer: [UInt8], index: inout Int) throws(ParseError) -> ParseEvent? {
        try buffer.withUnsafeBufferPointer { bytes throws(ParseError) in
            try parse(bytes, index: &index)
        }
    }

    private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) throws(ParseError) -> ParseEvent? {
        while true {
            switch state {
            case .head:
                guard let headEnd = try scanHead(bytes, index: &index) else { return nil }
                let parsed = try RequestHead(requestLine!, bytes, from: index + fieldsStart, to: headEnd, limits: limits)
                index = headEnd
                resetScan()
                switch parsed.framing {
                case .none, .length(0):
                    return .request(parsed.request(body: []))
                case .length(let length):
                    head = parsed
                    body.reserveCapacity(length)
                    state = .fixedBody(remaining: length)
                case .chunked:
                    head = parsed
                    state = .chunkSizeLine
                }
                return .head(parsed.request(body: []), expectsContinue: parsed.expectsContinue)

            case .fixedBody(let remaining):
                let left = takeBody(bytes, index: &index, remaining: remaining)
                guard left == 0 else {
                    state = .fixedBody(remaining: left)
                    return nil
                }
                return .request(finishRequest())

            case .chunkSizeLine:
                guard let size = try parseChunkSizeLine(bytes, index: &index) else { return nil }
                state = size == 0 ? .trailers : .chunkData(remaining: size)

            case .chunkData(let remaining):
                let left = takeBody(bytes, index: &index, remaining: remaining)
                guard left == 0 else {
                    state = .chunkData(remaining: left)
                    return nil
                }
                state = .chunkDataEnd

            case .chunkDataEnd:
                let available = bytes.count - index
                if available >= 1 && bytes[index] != UInt8(ascii: "\r") { throw .bad("Chunk data is not followed by CRLF.") }
                if available < 2 { return nil }
                if bytes[index + 1] != UInt8(ascii: "\n") { throw .bad("Chunk data is not followed by CRLF.") }
                index += 2
                try countFraming(2)
                state = .chunkSizeLine

            case .trailers:
                guard try skipTrailerSection(bytes, index: &index) else { return nil }
                return .request(finishRequest())
            }
        }
    }

    /// Moves up to `remaining` body bytes from the buffer into the body; returns how many
    /// are still to come.
    private mutating func takeBody(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int, remaining: Int) -> Int {
        let count = min(remaining, bytes.count - index)
        body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + count]))
        index += count
        return remaining - count
    }

    private mutating func finishRequest() -> Request {
        let request = head!.request(body: body)
        head = nil
        body = []
        framingBytes = 0
        state = .head
        return request
    }

    private mutating func resetScan() {
        scanned = 0
        lineStart = 0
        lineCount = 0
        fieldsStart = 0
        leadingEmptyLines = 0
        requestLine = nil
    }

    /// Searches for the empty line that ends the head, enforcing the size limits as bytes arrive,
    /// and returns the index just past it. Empty lines before the request line are consumed here
    /// (advancing `index`), so the head handed on always starts with the request line.
    private mutating func scanHead(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) throws(ParseError) -> Int? {
        while true {
            guard let lf = Self.firstLineFeed(bytes, from: index + scanned) else {
                // The byte before `scanned` may be a CR that arrived last time; it is bare now
                // if a byte other than LF followed it.
                try Self.rejectBareCarriageReturn(bytes, from: index + max(lineStart, scanned - 1))
                scanned = bytes.count - index
                try checkPartialLine(length: scanned)
                return nil
            }
            guard lf > index + lineStart, bytes[lf - 1] == UInt8(ascii: "\r") else {
                throw .bad("Lines must end with CRLF; a bare LF was received.")
            }
            let lineEnd = lf + 1 - index
            if lineEnd - lineStart == 2 {
                if lineCount > 0 { return lf + 1 }
                leadingEmptyLines += 1
                if leadingEmptyLines > limits.maxLeadingEmptyLines {
                    throw .bad("Too many empty lines before the request line.")
                }
                index = lf + 1
                scanned = 0
                continue
            }
            lineCount += 1
            if lineCount == 1 {
                if lineEnd - 2 > limits.maxRequestLineLength { throw Self.requestLineTooLong(limits) }
                requestLine = try RequestLine(bytes, from: index + lineStart, to: lf - 1)
                fieldsStart = lineEnd
            } else if lineEnd - fieldsStart > limits.maxHeaderBlockSize {
                throw Self.headerBlockTooLarge(limits)
            } else if lineCount > limits.maxHeaderCount + 1 {
                throw ParseError(.requestHeaderFieldsTooLarge, "More than \(limits.maxHeaderCount) header fields.")
            }
            lineStart = lineEnd
            scanned = lineEnd
        }
    }

    /// Rejects a head whose unfinished line can no longer end within the limits.
    private func checkPartialLine(length: Int) throws(ParseError) {
        if lineCount == 0 {
            if length > limits.maxRequestLineLength + 2 { throw Self.requestLineTooLong(limits) }
        } else if length - fieldsStart > limits.maxHeaderBlockSize + 2 {
            throw Self.headerBlockTooLarge(limits)
        }
    }

    private static func requestLineTooLong(_ limits: ParserLimits) -> ParseError {
        ParseError(.uriTooLong, "The request line is longer than \(limits.maxRequestLineLength) bytes.")
    }

    private static func headerBlockTooLarge(_ limits: ParserLimits) -> ParseError {
        ParseError(.requestHeaderFieldsTooLarge, "The header fields are larger than \(limits.maxHeaderBlockSize) bytes.")
    }

    /// Throws when `bytes[start...]`, which holds no LF, has a CR before its last byte: a CR
    /// that is not followed by LF can never end a line (RFC 9112 §2.2 lets a recipient refuse
    /// a bare CR), so waiting for more would only hold the connection until a timeout. Valid
    /// lines never contain a CR elsewhere, so only this unfinished tail needs the search.
    private static func rejectBareCarriageReturn(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(ParseError) {
        guard start < bytes.count - 1, let base = bytes.baseAddress, memchr(base + start, 0x0D, bytes.count - 1 - start) != nil else {
            return
        }
        throw .bad("Lines must end with CRLF; a bare CR was received.")
    }

    /// Adds `count` bytes of chunk framing, refusing a body whose framing outgrows its allowance.
    private mutating func countFraming(_ count: Int) throws(ParseError) {
        framingBytes += count
        if framingBytes > limits.maxChunkFramingBytes {
            throw ParseError(.contentTooLarge, "The chunked body's framing is larger than \(limits.maxChunkFramingBytes) bytes.")
        }
    }

    static func firstLineFeed(_ bytes: UnsafeBufferPointer<UInt8>, from index: Int) -> Int? {
        guard index < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + index, 0x0A, bytes.count - index) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Parses `1*HEXDIG [chunk-ext] CRLF`, returning the chunk size.
    private mutating func parseChunkSizeLine(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) throws(ParseError) -> Int? {
        let limit = min(bytes.count, index + limits.maxChunkLineLength)
        guard let lf = Self.firstLineFeed(UnsafeBufferPointer(rebasing: bytes[..<limit]), from: index) else {
            if bytes.count - index >= limits.maxChunkLineLength { throw .bad("The chunk-size line is too long.") }
            try Self.rejectBareCarriageReturn(bytes, from: index)
            return nil
        }
        guard lf > index, bytes[lf - 1] == UInt8(ascii: "\r") else { throw .bad("The chunk-size line must end with CRLF.") }
        let end = lf - 1
        var position = index
        var size = 0
        while position < end, let digit = Self.hexValue(bytes[position]) {
            // 15 hex digits hold 2^60, far above any body limit, and cannot overflow an Int.
            guard position - index < 15 else { throw .bad("The chunk size is too large.") }
            size = size << 4 | digit
            position += 1
        }
        guard position > index else { throw .bad("The chunk size is not a hexadecimal number.") }
        try Self.validateChunkExtensions(bytes, from: position, to: end)
        if size > limits.maxBodySize - body.count {
            throw ParseError(.contentTooLarge, "The request body is larger than \(limits.maxBodySize) bytes.")
        }
        try countFraming(lf + 1 - index)
        index = lf + 1
        return size
    }

    /// chunk-ext = *( BWS ";" BWS ext-name [ BWS "=" BWS ext-val ] ). The extensions are ignored,
    /// but must be well-formed tokens or quoted strings: a lax reading here is a smuggling vector.
    private static func validateChunkExtensions(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(ParseError) {
        var position = start
        func skipWhitespace() { while position < end, ByteClass.isOWS(bytes[position]) { position += 1 } }
        func token() -> Bool {
            let tokenStart = position
            while position < end, ByteClass.token[Int(bytes[position])] { position += 1 }
            return position > tokenStart
        }
        func quotedString() -> Bool {
            guard position < end, bytes[position] == UInt8(ascii: "\"") else { return false }
            position += 1
            while position < end {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    position += 1
                    return true
                }
                if byte == UInt8(ascii: "\\") {
                    position += 1
                    guard position < end else { return false }
                }
                guard ByteClass.fieldValue[Int(bytes[position])] else { return false }
                position += 1
            }
            return false
        }
        skipWhitespace()
        while position < end {
            guard bytes[position] == UInt8(ascii: ";") else { throw .bad("Malformed chunk extension.") }
            position += 1
            skipWhitespace()
            guard token() else { throw .bad("Malformed chunk extension.") }
            skipWhitespace()
            if position < end && bytes[position] == UInt8(ascii: "=") {
                position += 1
                skipWhitespace()
                guard token() || quotedString() else { throw .bad("Malformed chunk extension.") }
                skipWhitespace()
            }
        }
    }

    /// Consumes trailer fields up to the final empty line; returns false while it is incomplete.
    /// Trailers are validated like header fields and count against the same limits, then dropped:
    /// nothing in this server reads them.
    private mutating func skipTrailerSection(_ bytes: UnsafeBufferPointer<UInt8>, index: inout Int) throws(ParseError) -> Bool {
        while true {
            guard let lf = Self.firstLineFeed(bytes, from: index) else {
                if trailerBytes + bytes.count - index > limits.maxHeaderBlockSize {
                    throw ParseError(.requestHeaderFieldsTooLarge, "The trailer section is too large.")
                }
                try Self.rejectBareCarriageReturn(bytes, from: index)
                return false
            }
            guard lf > index, bytes[lf - 1] == UInt8(ascii: "\r") else { throw .bad("Lines must end with CRLF; a bare LF was received.") }
            if lf - 1 == index {
                index = lf + 1
                trailerCount = 0
                trailerBytes = 0
                return true
            }
            trailerCount += 1
            trailerBytes += lf + 1 - index
            if trailerCount > limits.maxHeaderCount || trailerBytes > limits.maxHeaderBlockSize {
                throw ParseError(.requestHeaderFieldsTooLarge, "The trailer section is too large.")
            }
            _ = try FieldLine(bytes, from: index, to: lf - 1)
            index = lf + 1
        }
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
