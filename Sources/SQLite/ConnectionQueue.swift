import CSQLite

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lends a fixed set of connections out, one borrower per connection, and makes borrowers block
/// while all are taken. With a single connection it serializes its users.
///
/// Built on a pthread mutex and condition variables because borrowers are blocking worker
/// threads that must sleep until a connection comes back; `Synchronization.Mutex` has no
/// condition to sleep on.
///
/// `@unchecked Sendable`: every mutable property is read and written only while `mutex` is held,
/// and the mutex is never held while a borrower runs SQL.
final class ConnectionQueue: @unchecked Sendable {
    // Heap-allocated because pthread objects must not move in memory once initialized.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let connectionReturned = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let allReturned = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// Used as a stack: the most recently returned connection goes out next, so its statement
    /// cache and page cache are the warmest.
    private var idle: [Connection]
    private var borrowedCount = 0
    private var isClosed = false
    private var statistics = WaitStatistics()

    init(_ connections: [Connection]) {
        idle = connections
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(connectionReturned, nil)
        pthread_cond_init(allReturned, nil)
    }

    deinit {
        pthread_cond_destroy(allReturned)
        pthread_cond_destroy(connectionReturned)
        pthread_mutex_destroy(mutex)
        allReturned.deallocate()
        connectionReturned.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with a connection nobody else is using, waiting for one if necessary.
    func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    var waitStatistics: WaitStatistics {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return statistics
    }

    /// Closes idle connections at once, fails current and future waiters, and returns once every
    /// borrowed connection has come back and been closed.
    func close() {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        isClosed = true
        idle.removeAll()
        pthread_cond_broadcast(connectionReturned)
        while borrowedCount > 0 {
            pthread_cond_wait(allReturned, mutex)
        }
    }

    private func borrow() throws -> Connection {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        // The clock is read only when waiting, keeping the common path free of it.
        if idle.isEmpty && !isClosed {
            let start = ContinuousClock.now
            while idle.isEmpty && !isClosed {
                pthread_cond_wait(connectionReturned, mutex)
            }
            statistics.record(ContinuousClock.now - start)
        }
        guard !isClosed, let connection = idle.popLast() else {
            throw SQLiteError(extendedCode: SQLITE_MISUSE, message: "the connection pool is closed")
        }
        borrowedCount += 1
        return connection
    }

    private func giveBack(_ connection: Connection) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        borrowedCount -= 1
        if isClosed {
            // Dropped rather than kept: the connection closes when the borrower releases it.
            if borrowedCount == 0 {
                pthread_cond_broadcast(allReturned)
            }
        } else {
            idle.append(connection)
            pthread_cond_signal(connectionReturned)
        }
    }
}
