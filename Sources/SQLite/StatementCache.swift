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

    let capacity: Int
    private var entries: [String: Entry] = [:]
    /// Counts uses, so a larger `lastUse` is a more recent one.
    private var uses: UInt64 = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a statement cache holds at least one statement")
        self.capacity = capacity
    }

    var count: Int { entries.count }

    /// The statement kept for `sql`, now the most recently used.
    mutating func statement(for sql: String) -> Statement? {
        guard let index = entries.index(forKey: sql) else { return nil }
        uses += 1
        entries.values[index].lastUse = uses
        return entries.values[index].statement
    }

    /// Keeps `statement` for `sql`, first dropping the least recently used one when full.
    /// Finding it is a walk of the whole cache, done only here, next to a compilation that
    /// costs far more.
    mutating func insert(_ statement: Statement, for sql: String) {
        if entries.count >= capacity, entries[sql] == nil,
            let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key
        {
            entries[oldest] = nil
        }
        uses += 1
        entries[sql] = Entry(statement: statement, lastUse: uses)
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}
