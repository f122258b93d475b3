import Dispatch
import Glibc
import Testing

@testable import HTTP

/// Log lines as an operator reads them: a UTC timestamp to the millisecond (the calendar part
/// kept for the second it was made), the level, and values quoted only when they must be.
@Suite struct LoggerTests {
    /// The lines `body` logs, read back from a pipe.
    private func lines(_ format: Logger.Format = .text, _ body: (Logger) -> Void) -> [String] {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0)
        let sink = LogSink(fileDescriptor: ends[1])
        body(Logger(level: .info, format: format, sink: sink))
        sink.flush()
        close(ends[1])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(ends[0], &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[..<count]
        }
        close(ends[0])
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// The clock the logger reads. Not `time(nil)`: glibc answers it from the kernel's coarse
    /// clock, which can still show the last second a few milliseconds into the next, so a line
    /// logged just after a second began failed this test now and then.
    private func utcNow() -> (seconds: Int, text: String) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let text =
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        return (seconds, text)
    }

    @Test func textLinesCarryTheUTCTimeLevelAndQuotedValuesOnlyWhereNeeded() {
        let before = utcNow()
        let logged = lines { logger in
            logger.info("request", ["path": "/api/v1/articles", "peer": "127.0.0.1", "detail": "two words", "empty": "", "eq": "a=b"])
            logger.debug("hidden")
        }
        let after = utcNow()
        #expect(logged.count == 1)
        let line = logged.first ?? ""
        let stamp = String(line.prefix(24))
        #expect(stamp.hasPrefix(before.text) || stamp.hasPrefix(after.text), "\(stamp) not between \(before.text) and \(after.text)")
        #expect(stamp.dropFirst(19).first == "." && stamp.last == "Z" && stamp.dropFirst(20).prefix(3).allSatisfy(\.isNumber))
        #expect(line.dropFirst(24) == #" info request path=/api/v1/articles peer=127.0.0.1 detail="two words" empty="" eq="a=b""#)
    }

    @Test func jsonLinesAreOneObjectEach() {
        let logged = lines(.json) { logger in logger.warning("slow \"query\"", ["ms": "12"]) }
        #expect(logged.count == 1)
        let line = logged.first ?? ""
        #expect(line.hasPrefix(#"{"time":""#) && line.hasSuffix(#"","level":"warning","msg":"slow \"query\"","ms":"12"}"#))
    }

    /// The access line's counts in decimal, zero and the largest included, in both formats.
    @Test func accessLinesWriteTheirCountsInDecimal() {
        let text = lines { logger in
            logger.request(method: .get, path: "/a", status: 200, bytes: 0, micros: UInt64.max, requestID: "r-1", peer: "10.0.0.1")
            logger.request(method: .post, path: "/b", status: 503, bytes: 1_234_567, micros: 9, requestID: "r-2", peer: "10.0.0.2")
        }
        #expect(
            text.map { String($0.dropFirst(24)) } == [
                " info request method=GET path=/a status=200 bytes=0 us=18446744073709551615 request_id=r-1 peer=10.0.0.1",
                " info request method=POST path=/b status=503 bytes=1234567 us=9 request_id=r-2 peer=10.0.0.2",
            ])
        let json = lines(.json) { logger in
            logger.request(method: .get, path: "/c", status: 404, bytes: 10, micros: 0, requestID: "r-3", peer: "::1")
            logger.request(method: .get, path: "/d", status: 200, bytes: 1, micros: 1, requestID: "r-4", peer: "::1")
        }
        #expect(json.count == 2)
        #expect(json.first?.hasSuffix(#""status":"404","bytes":"10","us":"0","request_id":"r-3","peer":"::1"}"#) == true)
        #expect(json.last?.hasSuffix(#""request_id":"r-4","peer":"::1"}"#) == true)
    }

    /// Lines logged at once by many threads (into the parts of the processors they run on)
    /// all come out, each whole. (Fewer than a pipe's 64 KiB of them: `lines` reads the pipe
    /// only at the end, and a full batch is written while they are logged.)
    @Test func concurrentLinesComeOutWhole() {
        let logged = lines { logger in
            DispatchQueue.concurrentPerform(iterations: 8) { thread in
                for index in 0..<60 {
                    logger.request(
                        method: .get, path: "/t\(thread)/\(index)", status: 200, bytes: index, micros: 1, requestID: "r", peer: "::1")
                }
            }
        }
        #expect(logged.count == 8 * 60)
        let expected = Set(
            (0..<8).flatMap { thread in
                (0..<60).map { " info request method=GET path=/t\(thread)/\($0) status=200 bytes=\($0) us=1 request_id=r peer=::1" }
            })
        #expect(Set(logged.map { String($0.dropFirst(24)) }) == expected)
    }

    /// A flush interleaves the processors' parts by each line's time.
    @Test func flushMergesThePartsInTimeOrder() {
        func part(_ lines: [(UInt64, String)]) -> LogSink.Lines {
            var part = LogSink.Lines()
            for (time, text) in lines {
                part.bytes += Array(text.utf8)
                part.ends.append((time, part.bytes.count))
            }
            return part
        }
        var output: [UInt8] = []
        LogSink.merge(
            [
                part([(1, "a1 "), (4, "a4 "), (4, "a4' "), (9, "a9 ")]),
                part([]),
                part([(2, "b2 "), (4, "b4 "), (3, "b3 ")]),
            ], into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "a1 b2 a4 a4' b4 b3 a9 ")
    }
}
