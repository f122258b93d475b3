import Foundation
import ServerTestSupport

/// A fixture receiver started but not yet listening: it prints `listening PORT` once it is.
struct ReceiverDidNotStart: Error {}

/// The port `process` announces on `output` as `listening PORT`, waited for at most 10 s;
/// throws `ReceiverDidNotStart` when it exits first or never says.
func announcedPort(of process: Process, on output: PipeReader) throws -> Int {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline, process.isRunning {
        if let line = output.text.split(separator: "\n").first(where: { $0.hasPrefix("listening ") }), let port = Int(line.dropFirst(10)) {
            return port
        }
        Thread.sleep(forTimeInterval: 0.02)
    }
    throw ReceiverDidNotStart()
}
