import Dispatch
import Glibc
import Synchronization

/// Collects log lines in memory and writes them to a file descriptor in batches.
///
/// One `write(2)` per request would cost as much as the request itself at high rates, so lines
/// are appended under a lock and flushed when the batch is large or a short timer fires; at most
/// `flushInterval` of lines is lost if the process is killed. `flush()` runs at shutdown.
public final class LogSink: @unchecked Sendable {
    // @unchecked: `timer` is set up in init and cancelled in deinit, and Dispatch sources are
    // thread-safe objects; the line buffer is behind a Mutex.
    private let fileDescriptor: Int32
    private let buffer = Mutex<[UInt8]>([])
    private let timer: DispatchSourceTimer
    private static let batchSize = 32 * 1024

    public init(fileDescriptor: Int32 = STDERR_FILENO, flushInterval: Duration = .milliseconds(100)) {
        self.fileDescriptor = fileDescriptor
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "newsstore.log"))
        timer.schedule(deadline: .now(), repeating: .nanoseconds(Int(flushInterval.nanoseconds)), leeway: .milliseconds(20))
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.activate()
    }

    deinit {
        timer.cancel()
        flush()
    }

    public func write(_ line: [UInt8]) {
        let full = buffer.withLock { buffer in
            buffer.append(contentsOf: line)
            return buffer.count >= Self.batchSize
        }
        if full { flush() }
    }

    public func flush() {
        let pending = buffer.withLock { buffer in
            let taken = buffer
            buffer.removeAll(keepingCapacity: true)
            return taken
        }
        pending.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                // A log that cannot be written must not take the server down; the lines are dropped.
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
