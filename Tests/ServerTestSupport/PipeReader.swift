import Foundation

/// Everything a child process writes to one pipe, read to its end on a thread of its own.
///
/// A pipe holds 64 KiB; a child that fills it blocks in `write` until someone reads. Reading
/// each pipe on its own thread, from the start to end of file, means the child never waits
/// on us, whatever the test does meanwhile (reading the other pipe, sleeping, waiting for the
/// child to exit). Dispatch's `readabilityHandler` is not enough: its handler waits for a free
/// thread of a shared pool the tests also use, and at end of file it fires again and again.
public final class PipeReader: @unchecked Sendable {
    // @unchecked: `collected` and `ended` are only touched with `condition` locked; `pipe`
    // is set in init and only read afterwards.
    public let pipe = Pipe()
    private let condition = NSCondition()
    private var collected = Data()
    private var ended = false

    public init() {}

    /// Starts the reading thread. Call it once the process runs: `Process.run` closes our copy
    /// of the pipe's write end, without which end of file would never come.
    public func start() {
        let descriptor = pipe.fileHandleForReading.fileDescriptor
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                condition.withLock { collected.append(contentsOf: buffer[..<count]) }
            }
            condition.withLock {
                ended = true
                condition.broadcast()
            }
        }
        thread.start()
    }

    /// What was read so far.
    public var data: Data { condition.withLock { collected } }

    public var text: String { String(decoding: data, as: UTF8.self) }

    /// Waits until the writer has closed the pipe (the process and any child holding it have
    /// exited), for at most `timeout` seconds when one is given; false if it is still open.
    @discardableResult
    public func waitForEnd(timeout: TimeInterval? = nil) -> Bool {
        let deadline = timeout.map { Date(timeIntervalSinceNow: $0) }
        return condition.withLock {
            while !ended {
                if let deadline {
                    guard condition.wait(until: deadline) else { return ended }
                } else {
                    condition.wait()
                }
            }
            return true
        }
    }
}
