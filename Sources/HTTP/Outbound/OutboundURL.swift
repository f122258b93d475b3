/// An absolute http or https URL that the outbound client can send to, parsed strictly: what
/// it accepts has one meaning for us, for the resolver and for the receiving server.
///
/// Refused: other schemes, user information (`user:pass@`, which also disguises hosts), fragments
/// (never sent, so a sign of a mistake), spaces, control and non-ASCII characters (a path must be
/// percent-encoded and an international name given in its `xn--` form), numeric host spellings
/// other than dotted-quad IPv4 (`2130706433`, `0x7f.1`, which resolvers read as addresses),
/// IPv6 zone identifiers, and URLs longer than `maximumLength`.
public struct OutboundURL: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case http, https

        var defaultPort: Int { self == .http ? 80 : 443 }
    }

    /// The longest URL accepted, in bytes.
    public static let maximumLength = 2048

    public let scheme: Scheme
    /// The host name in lower case, or the address's text (IPv6 without brackets).
    public let host: String
    /// Set when the host is an IP address literal rather than a name.
    public let address: IPAddress?
    public let port: Int
    /// The path and query as sent in the request line; `/` when the URL has no path.
    public let target: String

    public init(_ text: String) throws(OutboundError) {
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maximumLength else {
            throw .invalidURL("longer than \(Self.maximumLength) bytes")
        }
        for byte in bytes {
            if byte >= 0x80 { throw .invalidURL("contains a non-ASCII character (percent-encode the path; use the xn-- form of a name)") }
            if byte <= 0x20 || byte == 0x7F { throw .invalidURL("contains a space or control character") }
        }
        let lowered = String(decoding: bytes.map(Headers.lowercase), as: UTF8.self)
        let rest: Substring
        if lowered.hasPrefix("http://") {
            scheme = .http
            rest = text.dropFirst(7)
        } else if lowered.hasPrefix("https://") {
            scheme = .https
            rest = text.dropFirst(8)
        } else {
            throw .invalidURL("only http and https URLs are accepted")
        }
        if rest.contains("#") { throw .invalidURL("fragments (#...) are not sent; remove it") }

        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if authority.contains("@") { throw .invalidURL("user information (user@host) is not accepted") }
        let (host, address, portText) = try Self.splitAuthority(authority)
        self.host = host
        self.address = address
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy(\.isASCIIDigit), let port = Int(portText), (1...65535).contains(port)
            else { throw .invalidURL("port must be a number from 1 to 65535") }
            self.port = port
        } else {
            port = scheme.defaultPort
        }

        let target = rest[authorityEnd...]
        try Self.checkTarget(target)
        self.target = target.hasPrefix("/") ? String(target) : "/" + target
    }

    /// Host, its address when it is a literal, and the port's text when one is given.
    private static func splitAuthority(_ authority: Substring) throws(OutboundError) -> (String, IPAddress?, Substring?) {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .invalidURL("unclosed [ in the host") }
            let literal = authority[authority.index(after: authority.startIndex)..<close]
            if literal.contains("%") { throw .invalidURL("IPv6 zone identifiers are not accepted") }
            guard literal.contains(":"), let address = IPAddress(literal) else {
                throw .invalidURL("\(literal) in brackets is not an IPv6 address")
            }
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (address.description, address, nil) }
            guard after.hasPrefix(":") else { throw .invalidURL("unexpected characters after ]") }
            return (address.description, address, after.dropFirst())
        }
        let colon = authority.firstIndex(of: ":")
        let name = authority[..<(colon ?? authority.endIndex)].lowercased()
        let port = colon.map { authority[authority.index(after: $0)...] }
        if name.isEmpty { throw .invalidURL("no host") }
        if let address = try ipv4Literal(name) { return (address.description, address, port) }
        try checkName(name)
        return (name, nil, port)
    }

    /// The address when `name` is written like an IPv4 address. A last label that is numeric
    /// (or hexadecimal `0x…`) makes resolvers read the whole host as an address in one of
    /// inet_aton's spellings; only the dotted quad is accepted, so what is checked is what is
    /// meant.
    private static func ipv4Literal(_ name: String) throws(OutboundError) -> IPAddress? {
        let last = name.split(separator: ".", omittingEmptySubsequences: false).last ?? ""
        let numeric = !last.isEmpty && last.allSatisfy(\.isASCIIDigit)
        let hexadecimal = last.hasPrefix("0x")
        guard numeric || hexadecimal else { return nil }
        guard !name.contains(":"), let address = IPAddress(name) else {
            throw .invalidURL("\(name) is neither a host name nor a dotted-quad IPv4 address")
        }
        return address
    }

    /// A DNS name: labels of letters, digits, hyphens (not at either end) and underscores
    /// (container and service names use them), 1–63 bytes each, 253 in all.
    private static func checkName(_ name: String) throws(OutboundError) {
        guard name.utf8.count <= 253 else { throw .invalidURL("host name longer than 253 bytes") }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.utf8.count <= 63 else { throw .invalidURL("host name \(name) has an empty or over-long label") }
            guard label.utf8.allSatisfy({ $0.isHostNameByte }), label.first != "-", label.last != "-" else {
                throw .invalidURL("host name \(name) has characters a host name cannot have")
            }
        }
    }

    /// Path and query: characters a URL may carry unencoded, `%` only before two hex digits.
    private static func checkTarget(_ target: Substring) throws(OutboundError) {
        let bytes = Array(target.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, RequestParser.hexValue(bytes[index + 1]) != nil, RequestParser.hexValue(bytes[index + 2]) != nil else {
                    throw .invalidURL("% must be followed by two hexadecimal digits")
                }
                index += 3
                continue
            }
            if Array("\"<>\\^`{|}".utf8).contains(byte) {
                throw .invalidURL("the character \(Character(Unicode.Scalar(byte))) must be percent-encoded")
            }
            index += 1
        }
    }

    /// The Host header's value: the port only when it is not the scheme's default.
    var hostHeader: String {
        let shown = address.map { $0.isIPv4Mapped ? host : "[\(host)]" } ?? host
        return port == scheme.defaultPort ? shown : "\(shown):\(port)"
    }

    /// The URL in its normal form: lower-case scheme and host, no default port.
    public var description: String { "\(scheme.rawValue)://\(hostHeader)\(target)" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension UInt8 {
    fileprivate var isHostNameByte: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
            || self == UInt8(ascii: "-") || self == UInt8(ascii: "_")
    }
}
