extension String {
    /// The string of `scalars` followed by `ending`, if any, written straight as UTF-8. Faster than
    /// appending to a `UnicodeScalarView`, which matters at one call per indexed word.
    init(scalars: ArraySlice<Unicode.Scalar>, ending: Unicode.Scalar? = nil) {
        let capacity = 4 * (scalars.count + (ending == nil ? 0 : 1))
        self.init(unsafeUninitializedCapacity: capacity) { buffer in
            var count = 0
            for scalar in scalars {
                for byte in UTF8.encode(scalar)! {
                    buffer[count] = byte
                    count += 1
                }
            }
            if let ending {
                for byte in UTF8.encode(ending)! {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}
