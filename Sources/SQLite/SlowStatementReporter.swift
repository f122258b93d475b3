import CSQLite

/// Reports statements that ran longer than `threshold`, through SQLite's profiling hook.
/// The SQL is reported as written, with `?` placeholders: bound values (an editor's text, a
/// token hash) never reach the log.
public struct SlowStatementReporter: Sendable {
    public let threshold: Duration
    public let report: @Sendable (_ sql: String, _ duration: Duration) -> Void

    public init(threshold: Duration, report: @escaping @Sendable (_ sql: String, _ duration: Duration) -> Void) {
        self.threshold = threshold
        self.report = report
    }
}

extension Connection {
    /// Holds the reporter for the C callback, which gets it back as its context pointer.
    final class ReporterBox {
        let reporter: SlowStatementReporter
        let thresholdNanoseconds: Int64

        init(_ reporter: SlowStatementReporter) {
            self.reporter = reporter
            let (seconds, attoseconds) = reporter.threshold.components
            thresholdNanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        }
    }

    /// Starts reporting this connection's slow statements; the connection keeps the reporter.
    func reportSlowStatements(_ reporter: SlowStatementReporter) {
        let box = ReporterBox(reporter)
        slowStatementReporter = box
        sqlite3_trace_v2(
            handle, UInt32(SQLITE_TRACE_PROFILE),
            { _, context, statement, elapsed in
                guard let context, let statement, let elapsed else { return 0 }
                let box = Unmanaged<ReporterBox>.fromOpaque(context).takeUnretainedValue()
                let nanoseconds = elapsed.load(as: Int64.self)
                guard nanoseconds >= box.thresholdNanoseconds else { return 0 }
                let sql = sqlite3_sql(OpaquePointer(statement)).map { String(cString: $0) } ?? "?"
                box.reporter.report(sql, .nanoseconds(nanoseconds))
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
    }
}
