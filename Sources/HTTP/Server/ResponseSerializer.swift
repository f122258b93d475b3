import Glibc

/// Writes a response's status line and header fields, and picks the body bytes that go after
/// them; the connection sends both in a single `sendmsg(2)` (two small writes can stall ~40 ms
/// on delayed ACKs).
enum ResponseSerializer {
    /// Fields the transport owns; a handler's copies are ignored so none is ever duplicated.
    private static let framingFields = [
        "date", "content-length", "connection", "transfer-encoding", "x-request-id", "keep-alive", "x-content-type-options",
    ]

    struct Framing {
        /// HEAD: send the fields a GET would carry, but no body.
        var headOnly = false
        /// Announce and perform a close after this response.
        var close = false
        /// An HTTP/1.0 client that asked for keep-alive is told it got it.
        var confirmKeepAlive = false
        var requestID = ""
    }

    /// Bit n is set when a framing field's name has n bytes: a field whose name has none of
    /// those lengths, most of a response's, is not one, without comparing it to each.
    private static let framingNameLengths: UInt64 = framingFields.reduce(0) { $0 | 1 << UInt64($1.utf8.count) }

    private static func isFramingField(_ name: String) -> Bool {
        let length = name.utf8.count
        guard length < 64, framingNameLengths & 1 << UInt64(length) != 0 else { return false }
        return framingFields.contains { Headers.equalIgnoringASCIICase($0, name) }
    }

    static func encode(_ response: Response, framing: Framing, date: [UInt8]) -> EncodedResponse {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        append("HTTP/1.1 ", to: &out)
        appendDecimal(response.status.code, to: &out)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: response.status.reason.utf8)
        append("\r\nDate: ", to: &out)
        out.append(contentsOf: date)
        // Every body is what its Content-Type says: a browser must never guess HTML or script
        // from a JSON body that echoes a reader's text.
        append("\r\nX-Content-Type-Options: nosniff", to: &out)
        for field in response.headers where !isFramingField(field.name) {
            appendField(field.name, field.value, to: &out)
        }
        if !framing.requestID.isEmpty { appendField("X-Request-ID", framing.requestID, to: &out) }
        if framing.close {
            append("\r\nConnection: close", to: &out)
        } else if framing.confirmKeepAlive {
            append("\r\nConnection: keep-alive", to: &out)
        }
        let sendsContent = response.status.allowsContent
        if sendsContent {
            append("\r\nContent-Length: ", to: &out)
            appendDecimal(response.body.count, to: &out)
        }
        append("\r\n\r\n", to: &out)
        return EncodedResponse(head: out, body: sendsContent && !framing.headOnly ? response.body : [], close: framing.close)
    }

    /// Fixed text, copied from its bytes (appending a `String`'s UTF-8 view goes through a
    /// generic path that cost twice as many instructions).
    private static func append(_ text: StaticString, to out: inout [UInt8]) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// An interim `100 Continue`, sent before the client transmits its body.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Field values come from handlers, which may echo client data; CR, LF and NUL are replaced
    /// so no value can end its line early and inject fields (response splitting).
    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        out.append(0x0D)
        out.append(0x0A)
        var name = name
        name.withUTF8 { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
        // Copied whole (values run to hundreds of bytes: surrogate keys, links) after a scan by
        // `memchr`, and mended in the rare value that needs it: checking each byte as it went
        // into the array cost more than the copy.
        var value = value
        value.withUTF8 { bytes in
            let start = out.count
            out.append(contentsOf: bytes)
            guard let base = bytes.baseAddress,
                memchr(base, 0x0D, bytes.count) != nil || memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x00, bytes.count) != nil
            else { return }
            for index in start..<out.count where out[index] == 0x0D || out[index] == 0x0A || out[index] == 0x00 {
                out[index] = 0x20
            }
        }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 10 else {
            out.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
