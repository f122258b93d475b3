/// Unpredictable bytes for secrets such as API tokens.
///
/// Glibc's `getrandom` is not visible from Swift (`<sys/random.h>` is outside the Glibc module
/// map), so this draws from `SystemRandomNumberGenerator`, which on Linux calls `getrandom(2)`
/// itself (falling back to `/dev/urandom`) and traps instead of ever returning weak bytes.
public enum SecureRandom {
    /// `count` bytes from the kernel's cryptographically secure generator.
    public static func bytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let word: UInt64 = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) where bytes.count < count {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return bytes
    }
}
