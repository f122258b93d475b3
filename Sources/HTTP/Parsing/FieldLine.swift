/// One `field-name ":" OWS field-value OWS` line (RFC 9112 §5), validated strictly: no
/// whitespace before the colon, no obs-fold, no control characters in the value.
struct FieldLine {
    /// The field name, lower-cased.
    let name: String
    let value: String

    /// Parses the line in `bytes[start..<end]` (without its CRLF).
    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(ParseError) {
        if ByteClass.isOWS(bytes[start]) {
            throw .bad("Obsolete line folding (a field line starting with whitespace) is not accepted.")
        }
        var position = start
        while position < end, ByteClass.token[Int(bytes[position])] { position += 1 }
        guard position < end, bytes[position] == UInt8(ascii: ":") else {
            if position < end, ByteClass.isOWS(bytes[position]) {
                throw .bad("Whitespace between a field name and the colon is not allowed.")
            }
            throw .bad("Malformed header field name.")
        }
        guard position > start else { throw .bad("Empty header field name.") }
        let nameEnd = position
        position += 1
        while position < end, ByteClass.isOWS(bytes[position]) { position += 1 }
        var valueEnd = end
        while valueEnd > position, ByteClass.isOWS(bytes[valueEnd - 1]) { valueEnd -= 1 }
        for offset in position..<valueEnd where !ByteClass.fieldValue[Int(bytes[offset])] {
            throw .bad("A header field value contains a control character.")
        }
        name = String(unsafeUninitializedCapacity: nameEnd - start) { name in
            for offset in start..<nameEnd { name[offset - start] = Headers.lowercase(bytes[offset]) }
            return nameEnd - start
        }
        // obs-text is allowed on the wire; invalid UTF-8 in it is repaired here, never trusted.
        value = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<valueEnd]), as: UTF8.self)
    }
}
