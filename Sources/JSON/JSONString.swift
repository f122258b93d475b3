/// Writes a Swift string as a JSON string literal (RFC 8259 §7). Non-ASCII text, Arabic
/// included, is written as UTF-8, not as \u escapes, so responses stay readable and small.
public enum JSONString {
    /// The string as a quoted, escaped JSON string literal.
    public static func quote(_ string: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(string.utf8.count + 2)
        append(string, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the string to `out` as a quoted, escaped JSON string literal.
    public static func append(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendQuoted($0, to: &out) }
    }

    /// Copies runs of bytes that need no escaping in bulk; only quotes, backslashes and
    /// control characters interrupt a run.
    static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        while runStart < utf8.count {
            let runEnd = PlainRunScanner.endOfPlainRun(in: utf8, from: runStart, stopAtNonASCII: false)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<runEnd]))
            guard runEnd < utf8.count else { break }
            appendEscape(for: utf8[runEnd], to: &out)
            runStart = runEnd + 1
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendEscape(for byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
        case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        default: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, lowercaseHexDigit(byte >> 4), lowercaseHexDigit(byte & 0xF)])
        }
    }

    private static func lowercaseHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
