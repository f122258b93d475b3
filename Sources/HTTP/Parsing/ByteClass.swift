/// Character classes of RFC 9110 §5.6 and RFC 3986, as 256-entry lookup tables so the parser's
/// inner loops test a byte with one load instead of a chain of comparisons.
enum ByteClass {
    /// tchar: the characters allowed in a token (method, field name, transfer coding).
    static let token: [Bool] = table { byte in
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// field-vchar, SP and HTAB: what a field value may hold (obs-text included, as RFC 9110
    /// §5.5 allows). Everything else, NUL, CR and LF in particular, makes the message invalid.
    static let fieldValue: [Bool] = table { byte in
        byte == 0x09 || byte == 0x20 || (byte >= 0x21 && byte != 0x7F)
    }

    /// The bytes a request-target may contain: visible ASCII but `#`, which would start a
    /// fragment, a part no request-target has. Clients percent-encode the rest.
    static let target: [Bool] = table { byte in byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "#") }

    /// The bytes of a Host value: reg-name, IP literal, port (RFC 3986 §3.2.2).
    static let host: [Bool] = table { byte in
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "-._~%!$&'()*+,;=:[]".utf8.contains(byte)
        }
    }

    static func isOWS(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func table(_ predicate: (UInt8) -> Bool) -> [Bool] {
        (0...255).map { predicate(UInt8($0)) }
    }
}
