import Foundation

extension Process {
    /// Sends SIGTERM, waits up to `grace` seconds, then sends SIGKILL and waits for the exit.
    ///
    /// A SIGTERM that reaches `newsstore` while it is still starting, before it handles the
    /// signal, is lost; waiting without a bound for an exit that will not come would hang the
    /// whole test run instead of failing one test.
    public func terminateAndWait(grace: TimeInterval = 10) {
        guard isRunning else { return }
        terminate()
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
