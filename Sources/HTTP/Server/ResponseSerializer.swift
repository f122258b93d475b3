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

    static func encode(_ response: Response, framing: Framing, date: [UInt8]) -> EncodedResponse {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(response.status.code, to: &out)
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: response.status.reason.utf8)
        out.append(contentsOf: "\r\nDate: ".utf8)
        out.append(contentsOf: date)
        // Every body is what its Content-Type says: a browser must never guess HTML or script
        // from a JSON body that echoes a reader's text.
        out.append(contentsOf: "\r\nX-Content-Type-Options: nosniff".utf8)
        for field in response.headers where !framingFields.contains(where: { Headers.equalIgnoringASCIICase($0, field.name) }) {
            appendField(field.name, field.value, to: &out)
        }
        if !framing.requestID.isEmpty { appendField("X-Request-ID", framing.requestID, to: &out) }
        if framing.close {
            out.append(contentsOf: "\r\nConnection: close".utf8)
        } else if framing.confirmKeepAlive {
            out.append(contentsOf: "\r\nConnection: keep-alive".utf8)
        }
        let sendsContent = response.status.allowsContent
        if sendsContent {
            out.append(contentsOf: "\r\nContent-Length: ".utf8)
            appendDecimal(response.body.count, to: &out)
        }
        out.append(contentsOf: "\r\n\r\n".utf8)
        return EncodedResponse(head: out, body: sendsContent && !framing.headOnly ? response.body : [], close: framing.close)
    }

    /// An interim `100 Continue`, sent before the client transmits its body.
    static let continueResponse = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Field values come from handlers, which may echo client data; CR, LF and NUL are replaced
    /// so no value can end its line early and inject fields (response splitting).
    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        out.append(contentsOf: "\r\n".utf8)
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ": ".utf8)
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
