import Foundation
import Testing

/// The helpers every end-to-end test relies on: whatever a child writes, and however much,
/// is read to its end without ever blocking the child.
@Suite struct ServerTestSupportTests {
    /// More than a pipe holds on standard error before anything on standard output: read one
    /// pipe after the other, the child would block on the full one and the test would hang.
    @Test(.timeLimit(.minutes(1))) func aProgramFillingStandardErrorFirstIsReadToTheEnd() throws {
        let result = try CommandResult.run("/bin/sh", ["-c", "head -c 1048576 /dev/zero | tr '\\0' e >&2; echo done"])
        #expect(result.status == 0)
        #expect(result.output == "done\n")
        #expect(result.errors.utf8.count == 1_048_576)
    }

    /// A server logging more than a pipe holds keeps answering, and once `stop` has its exit
    /// status, `logText` holds every line, the last one written at shutdown included.
    @Test(.timeLimit(.minutes(1))) func aChattyServersWholeLogIsThereOnceItHasStopped() throws {
        let server = try ServerProcess()
        let connection = try server.connect()
        for number in 0..<600 {
            try connection.send("GET /healthz HTTP/1.1\r\nHost: h\r\nX-Request-ID: chatty-\(number)\r\n\r\n")
            #expect(try connection.readResponse().status == 200)
        }
        #expect(server.stop() == 0)
        let lines = server.logText.split(separator: "\n")
        #expect(server.logText.utf8.count > 64 * 1024)
        #expect(lines.filter { $0.contains("request_id=chatty-") }.count == 600)
        #expect(lines.last?.contains(#""views flushed""#) == true)
    }
}
