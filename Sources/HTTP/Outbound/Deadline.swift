import Glibc

/// The one point in time by which a whole outbound request (resolve, connect, TLS handshake,
/// send, receive) must be done; every wait is bounded by what is left of it.
struct Deadline {
    let timeout: Duration
    private let end: ContinuousClock.Instant

    init(after timeout: Duration) {
        self.timeout = timeout
        end = .now + timeout
    }

    var remaining: Duration { max(.zero, end - .now) }

    /// What is left in whole milliseconds for poll(2), rounded up so a wait never ends early.
    var remainingMilliseconds: Int32 {
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// The error for running out of time while doing `phase` ("connecting to 192.0.2.1").
    func expired(_ phase: String) -> OutboundError {
        let (seconds, attoseconds) = timeout.components
        return .timeout(phase: phase, seconds: Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Waits until `descriptor` is ready for `events` (POLLIN, POLLOUT), or throws the timeout
    /// for `phase`. Readiness includes errors and hang-ups: the next call on the socket reports
    /// them.
    func wait(for events: Int16, on descriptor: Int32, _ phase: @autoclosure () -> String) throws(OutboundError) {
        while true {
            let milliseconds = remainingMilliseconds
            if milliseconds == 0 { throw expired(phase()) }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw .connectionLost("poll: \(String(cString: strerror(errno)))") }
        }
    }
}
