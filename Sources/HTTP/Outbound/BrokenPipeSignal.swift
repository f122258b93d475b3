import Glibc

/// Keeps SIGPIPE from killing the process while OpenSSL writes to a socket the peer has
/// closed: OpenSSL calls write(2), which has no MSG_NOSIGNAL, and the server installs no
/// SIGPIPE handler. The signal is blocked for the calling thread only (a write raises it on
/// the writing thread) and any one raised meanwhile is taken off the pending set before the
/// thread's mask is restored; the write itself then fails with EPIPE, reported as an error.
enum BrokenPipeSignal {
    static func suppressed<Value>(_ body: () -> Value) -> Value {
        var pipe = sigset_t()
        sigemptyset(&pipe)
        sigaddset(&pipe, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipe, &previous)
        defer {
            if sigismember(&previous, SIGPIPE) == 0 {
                var pending = sigset_t()
                sigpending(&pending)
                if sigismember(&pending, SIGPIPE) == 1 {
                    var immediately = timespec()
                    sigtimedwait(&pipe, nil, &immediately)
                }
                pthread_sigmask(SIG_SETMASK, &previous, nil)
            }
        }
        return body()
    }
}
