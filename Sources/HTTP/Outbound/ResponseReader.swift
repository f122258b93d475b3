/// Reads one HTTP/1.1 response from a stream, strictly (RFC 9112): a status line, header
/// fields without obsolete folding, and a body framed by Content-Length, chunked coding or
/// the end of the connection. Interim 1xx answers are skipped. Anything ambiguous (both
/// Content-Length and Transfer-Encoding, differing lengths, bare LF) is an error rather
/// than a guess, because a guess is where request smuggling lives.
struct ResponseReader {
    /// The most the status line and header fields (or a chunked body's trailers) may take.
    static let headLimit = 16 * 1024
    /// The longest chunk-size line (size and extensions).
    private static let chunkLineLimit = 1024

    private let stream: any OutboundStream
    private let deadline: Deadline
    private let bodyLimit: Int
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already consumed.
    private var position = 0
    private var receivedAny = false

    init(stream: any OutboundStream, deadline: Deadline, bodyLimit: Int) {
        self.stream = stream
        self.deadline = deadline
        self.bodyLimit = bodyLimit
    }

    mutating func read() throws(OutboundError) -> OutboundResponse {
        var (status, headers) = try readHead()
        while (100...199).contains(status) {
            if status == 101 { throw .malformedResponse("101 Switching Protocols, which was not asked for") }
            (status, headers) = try readHead()
        }
        if status == 204 || status == 304 { return OutboundResponse(status: status, headers: headers, body: []) }
        let transferCodings = headers.values("transfer-encoding")
        let lengths = headers.values("content-length")
        if !transferCodings.isEmpty {
            guard lengths.isEmpty else { throw .malformedResponse("both Transfer-Encoding and Content-Length") }
            let codings = transferCodings.joined(separator: ",").split(separator: ",").map { $0.trimmingOWS.lowercased() }
            guard codings == ["chunked"] else {
                throw .malformedResponse("unsupported transfer coding \(transferCodings.joined(separator: ", "))")
            }
            return OutboundResponse(status: status, headers: headers, body: try readChunkedBody())
        }
        if !lengths.isEmpty {
            return OutboundResponse(status: status, headers: headers, body: try readBody(length: try Self.contentLength(lengths)))
        }
        return OutboundResponse(status: status, headers: headers, body: try readBodyUntilClose())
    }

    // MARK: head

    private mutating func readHead() throws(OutboundError) -> (Int, Headers) {
        var lines: [ArraySlice<UInt8>] = []
        var size = 0
        while true {
            let line = try readLine(limit: Self.headLimit - size, what: "header section")
            size += line.count + 2
            if line.isEmpty { break }
            lines.append(line)
        }
        guard let statusLine = lines.first else { throw .malformedResponse("an empty line where the status line belongs") }
        let status = try Self.parseStatusLine(statusLine)
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() { fields.append(try Self.parseField(line)) }
        return (status, Headers(lowercasedFields: fields))
    }

    /// `HTTP/1.1 200 OK`: version 1.x, three digits, an optional reason.
    private static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(OutboundError) -> Int {
        let bytes = Array(line)
        let shown = String(decoding: bytes.prefix(80), as: UTF8.self)
        guard bytes.count >= 12, bytes[0..<7].elementsEqual("HTTP/1.".utf8), bytes[7] == UInt8(ascii: "0") || bytes[7] == UInt8(ascii: "1"),
            bytes[8] == 0x20, bytes[9..<12].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            bytes.count == 12 || bytes[12] == 0x20, bytes.dropFirst(12).allSatisfy({ ByteClass.fieldValue[Int($0)] })
        else { throw .malformedResponse("bad status line \"\(shown)\"") }
        let status = bytes[9..<12].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard status >= 100 else { throw .malformedResponse("bad status code in \"\(shown)\"") }
        return status
    }

    /// `name: value` with a token name, no space before the colon, visible value bytes.
    private static func parseField(_ line: ArraySlice<UInt8>) throws(OutboundError) -> (name: String, value: String) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[..<colon].allSatisfy({ ByteClass.token[Int($0)] })
        else {
            let shown = String(decoding: line.prefix(80), as: UTF8.self)
            throw .malformedResponse(
                ByteClass.isOWS(line.first ?? 0) ? "obsolete line folding in the header section" : "bad header field \"\(shown)\"")
        }
        let value = line[(colon + 1)...]
        guard value.allSatisfy({ ByteClass.fieldValue[Int($0)] }) else {
            throw .malformedResponse("a control character in the value of \(String(decoding: line[..<colon], as: UTF8.self))")
        }
        return (String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self).trimmingOWS)
    }

    /// One length from the Content-Length fields: every value (fields may repeat, or list the
    /// same number) must be the same run of digits.
    private static func contentLength(_ values: [String]) throws(OutboundError) -> Int {
        let numbers = Set(values.joined(separator: ",").split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingOWS })
        guard numbers.count == 1, let text = numbers.first, !text.isEmpty, text.count <= 18,
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let length = Int(text)
        else { throw .malformedResponse("bad Content-Length \(values.joined(separator: ", "))") }
        return length
    }

    // MARK: bodies

    private mutating func readBody(length: Int) throws(OutboundError) -> [UInt8] {
        guard length <= bodyLimit else { throw .responseTooLarge(limit: bodyLimit) }
        while buffer.count - position < length {
            guard try fill() else {
                throw .malformedResponse("the connection closed after \(buffer.count - position) of \(length) body bytes")
            }
        }
        return take(length)
    }

    private mutating func readBodyUntilClose() throws(OutboundError) -> [UInt8] {
        repeat {
            if buffer.count - position > bodyLimit { throw .responseTooLarge(limit: bodyLimit) }
        } while try fill()
        return take(buffer.count - position)
    }

    private mutating func readChunkedBody() throws(OutboundError) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try readLine(limit: Self.chunkLineLimit, what: "chunk size line")
            let digits = line.prefix { $0 != UInt8(ascii: ";") }
            // 15 hex digits hold 2^60, far above any body limit, and cannot overflow an Int.
            guard !digits.isEmpty, digits.count <= 15, digits.allSatisfy({ RequestParser.hexValue($0) != nil }) else {
                throw .malformedResponse("bad chunk size \"\(String(decoding: line.prefix(40), as: UTF8.self))\"")
            }
            let size = digits.reduce(0) { $0 * 16 + RequestParser.hexValue($1)! }
            if size == 0 { break }
            guard body.count + size <= bodyLimit else { throw .responseTooLarge(limit: bodyLimit) }
            body += try readBody(length: size)
            while buffer.count - position < 2 {
                guard try fill() else { throw .malformedResponse("the connection closed in the middle of a chunk") }
            }
            guard buffer[position] == 0x0D, buffer[position + 1] == 0x0A else { throw .malformedResponse("a chunk longer than its size") }
            position += 2
        }
        // Trailer fields are read (so a bad one is noticed) and dropped.
        var size = 0
        while true {
            let line = try readLine(limit: Self.headLimit - size, what: "trailer section")
            size += line.count + 2
            if line.isEmpty { return body }
            _ = try Self.parseField(line)
        }
    }

    // MARK: buffer

    /// The next line without its CRLF; a bare CR or LF, a line over `limit` bytes, or the end
    /// of the stream before the CRLF is an error.
    private mutating func readLine(limit: Int, what: String) throws(OutboundError) -> ArraySlice<UInt8> {
        var searched = position
        while true {
            if let lineFeed = buffer[searched...].firstIndex(of: 0x0A) {
                guard lineFeed > position, buffer[lineFeed - 1] == 0x0D else { throw .malformedResponse("a bare LF in the \(what)") }
                let line = buffer[position..<(lineFeed - 1)]
                guard !line.contains(0x0D) else { throw .malformedResponse("a bare CR in the \(what)") }
                guard line.count <= limit else { throw .malformedResponse("\(what) longer than \(limit) bytes") }
                position = lineFeed + 1
                return line
            }
            guard buffer.count - position <= limit + 1 else { throw .malformedResponse("\(what) longer than \(limit) bytes") }
            searched = buffer.count
            guard try fill() else {
                if !receivedAny { throw .connectionLost("the receiver closed the connection without answering") }
                throw .malformedResponse("the connection closed in the middle of the \(what)")
            }
        }
    }

    /// Reads more bytes onto the buffer; false at the end of the stream.
    private mutating func fill() throws(OutboundError) -> Bool {
        if position > 0 && position == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            position = 0
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
        defer { chunk.deallocate() }
        let count = try stream.read(into: chunk, deadline: deadline)
        guard count > 0 else { return false }
        receivedAny = true
        buffer += chunk[..<count]
        return true
    }

    private mutating func take(_ count: Int) -> [UInt8] {
        let bytes = Array(buffer[position..<(position + count)])
        position += count
        return bytes
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (RFC 9110's optional whitespace).
    fileprivate var trimmingOWS: String {
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !ByteClass.isOWS($0) }), let last = bytes.lastIndex(where: { !ByteClass.isOWS($0) }) else {
            return ""
        }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
