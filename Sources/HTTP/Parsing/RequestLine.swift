/// `method SP request-target SP HTTP-version` (RFC 9112 §3), parsed and checked as soon as its
/// line ends, before any field arrives: a line that can never start a valid request (an
/// HTTP/0.9 `GET /path`, a fragment in the target) is answered at once instead of leaving the
/// connection waiting for a head that will not come until the header timeout.
struct RequestLine {
    let method: Method
    /// The target in origin-form (absolute-form reduced to its path and query), `*`, or the
    /// authority-form a CONNECT carries.
    let target: String
    let version: Version

    /// Parses the line in `bytes[start..<end]` (without its CRLF), with exactly one space
    /// between the parts.
    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(ParseError) {
        var position = start
        while position < end, ByteClass.token[Int(bytes[position])] { position += 1 }
        guard position > start, position < end, bytes[position] == UInt8(ascii: " ") else {
            throw .bad("Malformed request line: expected a method token followed by one space.")
        }
        method = Method(token: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self))
        position += 1
        let targetStart = position
        while position < end, ByteClass.target[Int(bytes[position])] { position += 1 }
        if position < end && bytes[position] == UInt8(ascii: "#") {
            // A fragment is for the user agent alone; no request-target form has one (RFC 9112 §3.2).
            throw .bad("The request-target must not contain a fragment ('#').")
        }
        guard position > targetStart, position < end, bytes[position] == UInt8(ascii: " ") else {
            throw .bad(
                position == end
                    ? "Malformed request line: no HTTP version (HTTP/0.9 requests are not supported)."
                    : "Malformed request line: the request-target must be visible ASCII followed by one space.")
        }
        let rawTarget = String(decoding: UnsafeBufferPointer(rebasing: bytes[targetStart..<position]), as: UTF8.self)
        version = try Self.parseVersion(bytes, from: position + 1, to: end)
        target = try Self.normalizeTarget(rawTarget, method: method)
    }

    /// `HTTP/DIGIT.DIGIT`, case-sensitive. Major versions other than 1 get 505; 1.x above 1.1 is
    /// served as 1.1, as RFC 9110 §2.5 asks of a recipient.
    private static func parseVersion(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(ParseError) -> Version {
        let prefix = Array("HTTP/".utf8)
        guard end - start == 8,
            (0..<5).allSatisfy({ bytes[start + $0] == prefix[$0] }),
            bytes[start + 6] == UInt8(ascii: "."),
            let major = digit(bytes[start + 5]), let minor = digit(bytes[start + 7])
        else { throw .bad("Malformed HTTP version in the request line.") }
        guard major == 1 else { throw ParseError(.httpVersionNotSupported, "Only HTTP/1.0 and HTTP/1.1 are supported.") }
        return minor == 0 ? .http1_0 : .http1_1
    }

    static func digit(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// Reduces an absolute-form target to its path and query (RFC 9112 §3.2.2) and checks the
    /// other forms: origin-form for every method, asterisk-form for OPTIONS only. Authority-form
    /// belongs to CONNECT, which the router answers with 501.
    private static func normalizeTarget(_ target: String, method: Method) throws(ParseError) -> String {
        if target.utf8.first == UInt8(ascii: "/") { return target }
        if target == "*" {
            guard method == .options else { throw .bad("The asterisk-form target is only valid with OPTIONS.") }
            return target
        }
        if method == .other("CONNECT") { return target }
        for scheme in ["http://", "https://"] {
            let utf8 = target.utf8
            guard utf8.count > scheme.utf8.count,
                zip(utf8, scheme.utf8).allSatisfy({ Headers.lowercase($0) == $1 })
            else { continue }
            let afterScheme = utf8.index(utf8.startIndex, offsetBy: scheme.utf8.count)
            guard let pathStart = utf8[afterScheme...].firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") })
            else { return "/" }
            guard pathStart > afterScheme else { throw .bad("The absolute-form target has no authority.") }
            let rest = String(target[pathStart...])
            return rest.utf8.first == UInt8(ascii: "?") ? "/" + rest : rest
        }
        throw .bad("The request-target must be an absolute path, an absolute http(s) URI, or '*'.")
    }
}
