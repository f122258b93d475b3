import Glibc
import JSON

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
        let needsQuotes = value.isEmpty || value.utf8.contains { $0 <= 0x20 || $0 == 0x22 || $0 == 0x3D || $0 == 0x7F }
        if needsQuotes { JSONString.append(value, to: &line) } else { line.append(contentsOf: value.utf8) }
    }

    /// `2026-11-29T12:00:00.123Z`
    private static func appendTimestamp(to line: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var time = tm()
        gmtime_r(&seconds, &time)
        func digits(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var remaining = value
            while divisor > 0 {
                line.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
                remaining %= divisor
                divisor /= 10
            }
        }
        digits(time.tm_year + 1900, 4)
        line.append(UInt8(ascii: "-"))
        digits(time.tm_mon + 1, 2)
        line.append(UInt8(ascii: "-"))
        digits(time.tm_mday, 2)
        line.append(UInt8(ascii: "T"))
        digits(time.tm_hour, 2)
        line.append(UInt8(ascii: ":"))
        digits(time.tm_min, 2)
        line.append(UInt8(ascii: ":"))
        digits(time.tm_sec, 2)
        line.append(UInt8(ascii: "."))
        digits(Int32(now.tv_nsec / 1_000_000), 3)
        line.append(UInt8(ascii: "Z"))
    }
}
