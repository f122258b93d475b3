/// SHA-256 (FIPS 180-4), used to store API tokens as digests rather than secrets.
/// Written here because the shipped binary links neither Foundation nor a crypto library.
public enum SHA256 {
    /// The 32-byte digest of `bytes`, read once, front to back, 64 bytes at a time.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = Hasher()
        // Arrays and native strings hand over their storage, so whole blocks are hashed in place.
        let hashedInPlace = bytes.withContiguousStorageIfAvailable { hasher.absorb($0) } != nil
        if !hashedInPlace {
            for byte in bytes { hasher.absorb(byte) }
        }
        return hasher.finish()
    }

    /// The lowercase hexadecimal digest of the UTF-8 encoding of `string` (64 characters).
    public static func hexDigest(_ string: String) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 * digestByteCount)
        for byte in hash(string.utf8) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let digestByteCount = 32
    private static let blockByteCount = 64

    /// The message state between blocks: the chaining value, the unfilled tail and the length.
    private struct Hasher {
        /// H(0): the first 32 bits of the fractional parts of the square roots of the first 8 primes.
        private var state: [UInt32] = [
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
            0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
        ]
        /// Bytes waiting for their block to fill up; never 64 or more.
        private var pending: [UInt8] = []
        /// The message length in bytes; FIPS 180-4 appends it modulo 2^64 bits.
        private var messageByteCount: UInt64 = 0
        /// The message schedule W, reused by every block so compression does not allocate.
        private var schedule = [UInt32](repeating: 0, count: 64)

        init() {
            pending.reserveCapacity(SHA256.blockByteCount)
        }

        /// Takes the message one byte at a time, for sequences without contiguous storage.
        mutating func absorb(_ byte: UInt8) {
            messageByteCount &+= 1
            buffer(byte)
        }

        /// Takes a whole message at once: full blocks are compressed in place, only the tail is copied.
        mutating func absorb(_ bytes: UnsafeBufferPointer<UInt8>) {
            precondition(messageByteCount == 0, "contiguous input must be the whole message")
            messageByteCount = UInt64(bytes.count)
            var rest = bytes[...]
            while rest.count >= SHA256.blockByteCount {
                let block = UnsafeBufferPointer(rebasing: rest.prefix(SHA256.blockByteCount))
                Self.compress(block, into: &state, schedule: &schedule)
                rest = rest.dropFirst(SHA256.blockByteCount)
            }
            pending.append(contentsOf: rest)
        }

        /// Pads the message (0x80, zeros, 64-bit big-endian bit length) and returns the digest.
        mutating func finish() -> [UInt8] {
            let bitCount = messageByteCount &* 8
            buffer(0x80)
            while pending.count != SHA256.blockByteCount - 8 { buffer(0) }
            for shift in stride(from: 56, through: 0, by: -8) {
                buffer(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift)))
            }
            var digest: [UInt8] = []
            digest.reserveCapacity(SHA256.digestByteCount)
            for word in state {
                for shift in stride(from: 24, through: 0, by: -8) {
                    digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift)))
                }
            }
            return digest
        }

        private mutating func buffer(_ byte: UInt8) {
            pending.append(byte)
            if pending.count == SHA256.blockByteCount {
                pending.withUnsafeBufferPointer { Self.compress($0, into: &state, schedule: &schedule) }
                pending.removeAll(keepingCapacity: true)
            }
        }

        /// The compression function (FIPS 180-4 §6.2.2) applied to one 64-byte block.
        private static func compress(
            _ block: UnsafeBufferPointer<UInt8>, into state: inout [UInt32], schedule: inout [UInt32]
        ) {
            for t in 0..<16 {
                schedule[t] =
                    UInt32(block[4 * t]) << 24 | UInt32(block[4 * t + 1]) << 16
                    | UInt32(block[4 * t + 2]) << 8 | UInt32(block[4 * t + 3])
            }
            for t in 16..<64 {
                let w15 = schedule[t - 15]
                let w2 = schedule[t - 2]
                let sigma0 = w15.rotatedRight(7) ^ w15.rotatedRight(18) ^ (w15 >> 3)
                let sigma1 = w2.rotatedRight(17) ^ w2.rotatedRight(19) ^ (w2 >> 10)
                schedule[t] = sigma1 &+ schedule[t - 7] &+ sigma0 &+ schedule[t - 16]
            }
            var a = state[0]
            var b = state[1]
            var c = state[2]
            var d = state[3]
            var e = state[4]
            var f = state[5]
            var g = state[6]
            var h = state[7]
            for t in 0..<64 {
                let sum1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                let choose = (e & f) ^ (~e & g)
                let temp1 = h &+ sum1 &+ choose &+ roundConstants[t] &+ schedule[t]
                let sum0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let temp2 = sum0 &+ majority
                h = g
                g = f
                f = e
                e = d &+ temp1
                d = c
                c = b
                b = a
                a = temp1 &+ temp2
            }
            state[0] &+= a
            state[1] &+= b
            state[2] &+= c
            state[3] &+= d
            state[4] &+= e
            state[5] &+= f
            state[6] &+= g
            state[7] &+= h
        }

        /// K: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
        private static let roundConstants: [UInt32] = [
            0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
            0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
            0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
            0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
            0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
            0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
            0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
            0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
        ]
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
    }
}
