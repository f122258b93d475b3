extension ClosedRange where Bound == Int {
    /// `value` brought within the range: how a service treats a page size that its caller (the
    /// API checks them, a test or another service may not) left outside the allowed one.
    func clamp(_ value: Int) -> Int {
        Swift.min(Swift.max(value, lowerBound), upperBound)
    }
}
