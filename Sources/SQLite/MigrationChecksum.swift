/// The FNV-1a 64-bit hash of the SQL's UTF-8 bytes, as 16 hex digits.
///
/// It detects accidental edits to an applied migration, not deliberate tampering: FNV is not a
/// cryptographic hash, and it was chosen because it is tiny, stable across platforms and
/// releases, and needs no library.
func migrationChecksum(of sql: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in sql.utf8 {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
