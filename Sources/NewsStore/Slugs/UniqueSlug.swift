extension Slug {
    /// `base`, or `base-2`, `base-3`… the first that `isTaken` says is free.
    static func firstFree(from base: String, isTaken: (String) throws -> Bool) rethrows -> String {
        var candidate = base
        var suffix = 1
        while try isTaken(candidate) {
            suffix += 1
            candidate = withSuffix(base, suffix)
        }
        return candidate
    }
}
