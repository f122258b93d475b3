extension Duration {
    /// The duration in whole nanoseconds, negative durations as zero, for Dispatch's clocks.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds)) / 1_000_000_000
    }
}
