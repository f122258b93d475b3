import Glibc
import SQLite
import Synchronization
import TestSupport
import Testing

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
}

/// Runs `body` with a fresh directory under /tmp, deleted afterwards with everything in it.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = try makeTemporaryDirectory(prefix: "sqlite-tests")
    defer { removeDirectoryTree(path) }
    return try body(path)
}

/// Runs `body` with the path of a not-yet-existing database file in a temporary directory.
func withTemporaryDatabasePath<T>(_ body: (String) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        try body(directory + "/test.sqlite")
    }
}

func writeFile(_ path: String, _ contents: String) throws {
    guard let file = fopen(path, "wb") else {
        throw TestSetupError(description: "cannot create \(path)")
    }
    defer { fclose(file) }
    let bytes = Array(contents.utf8)
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
        throw TestSetupError(description: "cannot write \(path)")
    }
}

func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

/// The first column of the first row, as an integer.
func scalarInt(_ connection: Connection, _ sql: String) throws -> Int {
    try connection.withStatement(sql) { statement in
        guard try statement.step() else {
            throw TestSetupError(description: "no row for \(sql)")
        }
        return statement.int(at: 0)
    }
}

/// The first column of the first row, as text.
func scalarString(_ connection: Connection, _ sql: String) throws -> String? {
    try connection.withStatement(sql) { statement in
        guard try statement.step() else {
            throw TestSetupError(description: "no row for \(sql)")
        }
        return statement.string(at: 0)
    }
}

/// A one-way signal between threads, for choreographing the concurrency tests.
final class Signal: Sendable {
    private let isSet = Atomic<Bool>(false)

    func set() {
        isSet.store(true, ordering: .releasing)
    }

    /// Whether the signal was set within `seconds`.
    func wait(seconds: Int) -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !isSet.load(ordering: .acquiring) {
            if ContinuousClock.now > deadline { return false }
            usleep(1_000)
        }
        return true
    }
}

/// A real OS thread: the pool serves blocking worker threads, so that is what the tests use.
struct TestThread {
    private let thread: pthread_t

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    init(_ run: @escaping @Sendable () -> Void) throws {
        let context = Unmanaged.passRetained(Body(run)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw TestSetupError(description: "pthread_create failed: \(status)")
        }
        self.thread = thread
    }

    func join() {
        pthread_join(thread, nil)
    }
}

func mkdirSucceeded(_ path: String) -> Bool {
    mkdir(path, 0o755) == 0
}

/// A value shared between test threads.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    var value: Value {
        mutex.withLock { $0 }
    }

    func update(_ change: @Sendable (inout Value) -> Void) {
        mutex.withLock { change(&$0) }
    }
}
