/// Writes a Swift string as a JSON string literal (RFC 8259 §7). Non-ASCII text, Arabic
/// included, is written as UTF-8, not as \u escapes, so responses stay readable and small.
/// `<`, `>`, `&`, U+2028 and U+2029 are escaped (`\u003c`...), so the JSON can be inlined in
/// an HTML page or a script as it is: no `</script>` or `<!--` can appear in it, and no line
/// separator that older JavaScript engines would read as the end of a string.
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
        string.withUTF8 { append(utf8: $0, to: &out) }
    }

    /// Appends UTF-8 text to `out` as a quoted, escaped JSON string literal.
    ///
    /// Copies runs of bytes that need no escaping in bulk; only the bytes `PlainRunScanner`
    /// stops at for writing interrupt a run. 0xE2 starts U+2028 and U+2029 (E2 80 A8, E2 80 A9)
    /// but also common punctuation (dashes, quotation marks, the ellipsis), which stays in the
    /// run: the scan goes on past it without copying.
    public static func append(utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        var scanStart = 0
        while scanStart < utf8.count {
            let stop = PlainRunScanner.endOfPlainRun(in: utf8, from: scanStart, stops: .inlineUnsafe)
            if stop < utf8.count && utf8[stop] == 0xE2 && !isLineOrParagraphSeparator(utf8, at: stop) {
                scanStart = stop + 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<stop]))
            guard stop < utf8.count else { break }
            runStart = appendEscape(utf8, at: stop, to: &out)
            scanStart = runStart
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    private static func isLineOrParagraphSeparator(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] & 0xFE == 0xA8
    }

    /// Writes the escape for the character at `index` and returns the index after it.
    @inline(__always)
    private static func appendEscape(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int, to out: inout [UInt8]) -> Int {
        let byte = utf8[index]
        if byte == 0xE2 {
            out.append(contentsOf: utf8[index + 2] == 0xA8 ? lineSeparatorEscape : paragraphSeparatorEscape)
            return index + 3
        }
        out.append(contentsOf: asciiEscapes[Int(byte)])
        return index + 1
    }

    /// The escape of each ASCII byte the writer stops at, built once so that writing one is a
    /// copy: the short forms where JSON has them, `\u00XX` otherwise.
    private static let asciiEscapes: [[UInt8]] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "\""): Array(#"\""#.utf8)
        case UInt8(ascii: "\\"): Array(#"\\"#.utf8)
        case 0x0A: Array(#"\n"#.utf8)
        case 0x0D: Array(#"\r"#.utf8)
        case 0x09: Array(#"\t"#.utf8)
        default: Array(#"\u00"#.utf8) + [lowercaseHexDigit(UInt8(byte) >> 4), lowercaseHexDigit(UInt8(byte) & 0xF)]
        }
    }
    private static let lineSeparatorEscape = Array(#"\u2028"#.utf8)
    private static let paragraphSeparatorEscape = Array(#"\u2029"#.utf8)

    private static func lowercaseHexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
