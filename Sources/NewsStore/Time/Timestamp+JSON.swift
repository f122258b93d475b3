import JSON

extension JSONWriter {
    /// Writes a member whose value is the instant in RFC 3339 (`Timestamp.rfc3339`), or `null`
    /// when nil. Formatted on the stack and copied in, not made a `String` first: a detail
    /// writes three timestamps, a listing three per item.
    public mutating func member(_ key: StaticString, _ time: Timestamp?) {
        guard let time, time.hasFourDigitYear else { return member(key, time?.rfc3339) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Timestamp.longestRFC3339 + 2) { buffer in
            buffer[0] = UInt8(ascii: "\"")
            let length = time.writeRFC3339(to: UnsafeMutableBufferPointer(rebasing: buffer[1...]))
            buffer[length + 1] = UInt8(ascii: "\"")
            rawMember(key, UnsafeBufferPointer(rebasing: buffer[..<(length + 2)]))
        }
    }
}
