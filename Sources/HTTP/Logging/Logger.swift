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
        var line = [UInt8]()
        line.reserveCapacity(160)
        if format == .json {
            line.append(contentsOf: #"{"time":""#.utf8)
            Self.appendTimestamp(to: &line)
            line.append(contentsOf: #"","level":""#.utf8)
            line.append(contentsOf: level.name.utf8)
            line.append(contentsOf: #"","msg":"#.utf8)
            JSONString.append(message, to: &line)
            for (key, value) in fields {
                line.append(UInt8(ascii: ","))
                JSONString.append(key, to: &line)
                line.append(UInt8(ascii: ":"))
                JSONString.append(value, to: &line)
            }
            line.append(contentsOf: "}\n".utf8)
            return sink.write(line)
        }
        Self.appendTimestamp(to: &line)
        line.append(UInt8(ascii: " "))
        line.append(contentsOf: level.name.utf8)
        line.append(UInt8(ascii: " "))
        Self.appendValue(message, to: &line)
        for (key, value) in fields {
            line.append(UInt8(ascii: " "))
            line.append(contentsOf: key.utf8)
            line.append(UInt8(ascii: "="))
            Self.appendValue(value, to: &line)
        }
        line.append(UInt8(ascii: "\n"))
        sink.write(line)
    }

    public func flush() { sink.flush() }

    /// A value is written bare unless it is empty or holds a space, quote, `=` or control
    /// character; then it is JSON-quoted, which also keeps a hostile path from forging a line.
    private static func appendValue(_ value: String, to line: inout [UInt8]) {
        var value = value
        let needsQuotes = value.withUTF8 { bytes in
            bytes.isEmpty || bytes.contains { $0 <= 0x20 || $0 == 0x22 || $0 == 0x3D || $0 == 0x7F }
        }
        if needsQuotes { JSONString.append(value, to: &line) } else { line.append(contentsOf: value.utf8) }
    }

    /// `2026-11-29T12:00:00.123Z`. The part up to the second is made once a second and kept:
    /// every request logs a line, and a calendar conversion per line cost more than the rest.
    private static func appendTimestamp(to line: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
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
