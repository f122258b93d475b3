import CLinux
import Dispatch
import Glibc
import Synchronization

/// Collects log lines in memory and writes them to a file descriptor in batches, in time order.
///
/// One `write(2)` per request would cost as much as the request itself at high rates, so lines
/// are appended in memory and flushed when a batch is large or a short timer fires; at most
/// `flushInterval` of lines is lost if the process is killed. `flush()` runs at shutdown.
///
/// Lines are kept per processor, each part behind a lock of its own: with one buffer and one
/// lock, every worker took that lock for every access line, and it was one of the two most
/// contended locks on article details (1.4% of the server's CPU in `Mutex._lockSlow`, perf).
/// A flush merges the parts by each line's time, so the output stays in time order, as log
/// collectors that refuse out-of-order lines need.
public final class LogSink: @unchecked Sendable {
    // @unchecked: `timer` is set up in init and cancelled in deinit, and Dispatch sources are
    // thread-safe objects; each part's lines are behind their Mutex, and `merged` is touched
    // only while `flushing` is held.

    /// The lines written on one processor since the last flush: their bytes one after the
    /// other, and where each ends with the time it was logged at.
    struct Lines {
        var bytes: [UInt8] = []
        var ends: [(time: UInt64, end: Int)] = []
    }

    private final class Part: Sendable {
        let lines = Mutex(Lines())
    }

    private let fileDescriptor: Int32
    private let parts: [Part] = (0..<SystemInfo.processorCount).map { _ in Part() }
    /// Serializes flushes, so that two (the timer's and a full part's) cannot interleave
    /// their writes out of order.
    private let flushing = Mutex<Void>(())
    /// The merged batch being written, kept to reuse its capacity.
    private var merged: [UInt8] = []
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

    /// Appends the line `write` appends to the bytes it is given (the part's buffer, so a line
    /// costs no array of its own), logged at `time` (any clock, the same for every line).
    func write(at time: UInt64, _ write: (inout [UInt8]) -> Void) {
        // The processor this thread runs on now: threads on others take other locks. (A thread
        // moved meanwhile only shares a lock with one there; the line is kept either way.)
        let part = parts[Int(max(0, clinux_current_cpu())) % parts.count]
        let full = part.lines.withLock { lines in
            write(&lines.bytes)
            lines.ends.append((time, lines.bytes.count))
            return lines.bytes.count >= Self.batchSize
        }
        if full { flush() }
    }

    public func flush() {
        flushing.withLock { _ in
            let taken = parts.map { part in
                part.lines.withLock { lines in
                    let taken = lines
                    lines.bytes.removeAll(keepingCapacity: true)
                    lines.ends.removeAll(keepingCapacity: true)
                    return taken
                }
            }
            merged.removeAll(keepingCapacity: true)
            Self.merge(taken, into: &merged)
            writeAll(merged)
        }
    }

    /// Appends the parts' lines to `output`, earliest first; lines of one time keep the order
    /// of their parts, and lines of one part their own order. (A part is in time order but for
    /// a thread preempted between reading the clock and appending: its line stays where it
    /// was appended.)
    static func merge(_ parts: [Lines], into output: inout [UInt8]) {
        var next = [Int](repeating: 0, count: parts.count)
        while true {
            var earliest: Int?
            for (index, part) in parts.enumerated() where next[index] < part.ends.count {
                if let best = earliest, parts[best].ends[next[best]].time <= part.ends[next[index]].time { continue }
                earliest = index
            }
            guard let chosen = earliest else { return }
            let line = next[chosen]
            let start = line == 0 ? 0 : parts[chosen].ends[line - 1].end
            output.append(contentsOf: parts[chosen].bytes[start..<parts[chosen].ends[line].end])
            next[chosen] += 1
        }
    }

    private func writeAll(_ pending: [UInt8]) {
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
