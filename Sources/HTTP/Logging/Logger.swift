import Glibc
import JSON
import Synchronization

/// Writes one line per event: a UTC timestamp, the level, a message and `key=value` fields,
/// as `logfmt` text (values quoted when they hold spaces or quotes) or as one JSON object per
/// line for log collectors.
public struct Logger: Sendable {
    public enum Format: String, Sendable {
        case text
        case json
    }

    public let level: LogLevel
    private let format: Format
    private let sink: LogSink

    public init(level: LogLevel, format: Format = .text, sink: LogSink) {
        self.level = level
        self.format = format
        self.sink = sink
    }

    public func isEnabled(_ level: LogLevel) -> Bool { level >= self.level && level != .off }

    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, message, fields) }
    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }

    public func log(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, String>) {
        guard isEnabled(level) else { return }
        write(level, message) { line in
            for (key, value) in fields { line.field(key, value) }
        }
    }

    /// The access log's line for one answered request, at info: what `log` would write for
    /// these fields, with the numbers written straight into the line. It runs for every
    /// request, and making a String of each field cost more than the rest of the line.
    func request(method: Method, path: Substring, status: Int, bytes: Int, micros: UInt64, requestID: String, peer: String) {
        guard isEnabled(.info) else { return }
        write(.info, "request") { line in
            line.field("method", method.description)
            line.field("path", path)
            line.field("status", number: UInt64(status))
            line.field("bytes", number: UInt64(bytes))
            line.field("us", number: micros)
            line.field("request_id", requestID)
            line.field("peer", peer)
        }
    }

    /// Writes one line into the sink: its time, level and message, the fields `fields` adds,
    /// its end. The wall clock is read once, for the timestamp and for the sink's merge.
    private func write(_ level: LogLevel, _ message: String, _ fields: (inout Line) -> Void) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        sink.write(at: UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)) { buffer in
            var line = Line(format: format, level: level, message: message, time: now, appendingTo: &buffer)
            fields(&line)
            line.finish(into: &buffer)
        }
    }

    public func flush() { sink.flush() }

    /// One line being written, in either format, at the end of the sink's buffer: the line
    /// holds the buffer from `init` to `finish` (swapped, not copied), so that the field
    /// writers need not pass it along.
    private struct Line {
        private var bytes: [UInt8] = []
        private let format: Format

        init(format: Format, level: LogLevel, message: String, time: timespec, appendingTo buffer: inout [UInt8]) {
            self.format = format
            swap(&bytes, &buffer)
            if format == .json {
                bytes.append(contentsOf: #"{"time":""#.utf8)
                Logger.appendTimestamp(time, to: &bytes)
                bytes.append(contentsOf: #"","level":""#.utf8)
                bytes.append(contentsOf: level.name.utf8)
                bytes.append(contentsOf: #"","msg":"#.utf8)
                JSONString.append(message, to: &bytes)
            } else {
                Logger.appendTimestamp(time, to: &bytes)
                bytes.append(UInt8(ascii: " "))
                bytes.append(contentsOf: level.name.utf8)
                bytes.append(UInt8(ascii: " "))
                var message = message
                message.withUTF8 { appendValue($0) }
            }
        }

        mutating func field<Text: StringProtocol>(_ key: String, _ value: Text) {
            appendKey(key)
            var value = Substring(value)
            value.withUTF8 { utf8 in
                if format == .json { JSONString.append(utf8: utf8, to: &bytes) } else { appendValue(utf8) }
            }
        }

        /// A count, as `field` would write its decimal text (a string in JSON, as every value).
        mutating func field(_ key: String, number: UInt64) {
            appendKey(key)
            if format == .json { bytes.append(UInt8(ascii: "\"")) }
            // Digits written backwards into a stack buffer, then appended at once: appending
            // each to the line and reversing them cost more than the rest of the field.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
                var start = digits.count
                var remaining = number
                repeat {
                    start -= 1
                    digits[start] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                } while remaining > 0
                bytes.append(contentsOf: UnsafeBufferPointer(UnsafeMutableBufferPointer(rebasing: digits[start...])))
            }
            if format == .json { bytes.append(UInt8(ascii: "\"")) }
        }

        /// Ends the line and hands the buffer back.
        mutating func finish(into buffer: inout [UInt8]) {
            if format == .json { bytes.append(UInt8(ascii: "}")) }
            bytes.append(UInt8(ascii: "\n"))
            swap(&bytes, &buffer)
        }

        private mutating func appendKey(_ key: String) {
            if format == .json {
                bytes.append(UInt8(ascii: ","))
                JSONString.append(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
            } else {
                bytes.append(UInt8(ascii: " "))
                // Through the contiguous bytes: appending a `String`'s UTF-8 view takes a
                // generic path, at twice the instructions, for each of an access line's seven keys.
                var key = key
                key.withUTF8 { bytes.append(contentsOf: $0) }
                bytes.append(UInt8(ascii: "="))
            }
        }

        /// A text value is written bare unless it is empty or holds a space, quote, `=` or
        /// control character; then it is JSON-quoted, which also keeps a hostile path from
        /// forging a line.
        private mutating func appendValue(_ utf8: UnsafeBufferPointer<UInt8>) {
            if utf8.isEmpty || utf8.contains(where: { $0 <= 0x20 || $0 == 0x22 || $0 == 0x3D || $0 == 0x7F }) {
                JSONString.append(utf8: utf8, to: &bytes)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// `2026-11-29T12:00:00.123Z`. The part up to the second is made once a second and kept:
    /// every request logs a line, and a calendar conversion per line cost more than the rest.
    fileprivate static func appendTimestamp(_ now: timespec, to line: inout [UInt8]) {
        let second = Int(now.tv_sec)
        let kept = lastSecond.withLock { kept in
            if kept.second != second { kept = (second, calendarText(second)) }
            return kept.text
        }
        line.append(contentsOf: kept)
        let millis = Int(now.tv_nsec / 1_000_000)
        line.append(UInt8(ascii: "."))
        line.append(UInt8(ascii: "0") + UInt8(millis / 100))
        line.append(UInt8(ascii: "0") + UInt8(millis / 10 % 10))
        line.append(UInt8(ascii: "0") + UInt8(millis % 10))
        line.append(UInt8(ascii: "Z"))
    }

    private static let lastSecond = Mutex<(second: Int, text: [UInt8])>((-1, []))

    /// `2026-11-29T12:00:00` for a count of seconds since 1970, in UTC.
    private static func calendarText(_ second: Int) -> [UInt8] {
        var seconds = second
        var time = tm()
        gmtime_r(&seconds, &time)
        var text: [UInt8] = []
        text.reserveCapacity(19)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                text.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
                remaining %= divisor
                divisor /= 10
            }
        }
        digits(time.tm_year + 1900, 4)
        text.append(UInt8(ascii: "-"))
        digits(time.tm_mon + 1, 2)
        text.append(UInt8(ascii: "-"))
        digits(time.tm_mday, 2)
        text.append(UInt8(ascii: "T"))
        digits(time.tm_hour, 2)
        text.append(UInt8(ascii: ":"))
        digits(time.tm_min, 2)
        text.append(UInt8(ascii: ":"))
        digits(time.tm_sec, 2)
        return text
    }
}
