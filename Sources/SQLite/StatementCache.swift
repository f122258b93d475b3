/// A connection's prepared statements by SQL text, at most `capacity` of them.
///
/// A compiled statement holds its program and parse tree, kilobytes for a listing and more the
/// longer its SQL; kept forever, every distinct text a client can provoke is memory it can take
/// (a sweep of generated listings once took a server from 18 MiB to 843 MiB). When a statement
/// would exceed the capacity, the least recently used one is dropped, and finalized as soon as
/// no caller still holds it. The server's own SQL is a few dozen texts, so in steady state
/// nothing is evicted and every query finds its compiled statement.
struct StatementCache {
    private struct Entry {
        let statement: Statement
        var lastUse: UInt64
    }

    /// SQL text as a key hashed by its length and its last bytes only, where the server's
    /// texts differ (the condition, the order, the limit); equal hashes still compare the
    /// whole text. Hashing all of a text of several hundred bytes, three times per article
    /// read (its query, `BEGIN`, `COMMIT`), took 2% of the read's instructions (callgrind).
    private struct Key: Hashable {
        let sql: String

        func hash(into hasher: inout Hasher) {
            let utf8 = sql.utf8
            hasher.combine(utf8.count)
            // The same bytes whether the text is contiguous or not, so equal texts hash alike.
            let hashed: Void? = utf8.withContiguousStorageIfAvailable { bytes in
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes.suffix(48))))
            }
            if hashed == nil { Array(utf8.suffix(48)).withUnsafeBytes { hasher.combine(bytes: $0) } }
        }
    }

    let capacity: Int
    private var entries: [Key: Entry] = [:]
    /// Counts uses, so a larger `lastUse` is a more recent one.
    private var uses: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a statement cache holds at least one statement")
        self.capacity = capacity
    }

    var count: Int { entries.count }

    /// The statement kept for `sql`, now the most recently used.
    mutating func statement(for sql: String) -> Statement? {
        guard let index = entries.index(forKey: Key(sql: sql)) else { return nil }
        uses += 1
        entries.values[index].lastUse = uses
        return entries.values[index].statement
    }

    /// Keeps `statement` for `sql`, first dropping the least recently used one when full.
    /// Finding it is a walk of the whole cache, done only here, next to a compilation that
    /// costs far more.
    mutating func insert(_ statement: Statement, for sql: String) {
        let key = Key(sql: sql)
        if entries.count >= capacity, entries[key] == nil,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            entries[oldest] = nil
        }
        uses += 1
        entries[key] = Entry(statement: statement, lastUse: uses)
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}
