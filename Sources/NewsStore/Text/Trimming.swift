extension StringProtocol {
    /// Without leading and trailing white space (Unicode White_Space, so Arabic text pasted
    /// with no-break spaces is trimmed too).
    public var trimmingWhitespace: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return Substring() }
        return Substring(self[first...last])
    }
}
