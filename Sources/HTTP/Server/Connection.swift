import Dispatch
import Glibc

/// One client connection: reads bytes, parses requests, hands each to the worker pool, and
/// writes the responses back in order.
///
/// All its state is touched only on its loop's thread; a worker computes a response and hands
/// it back to the loop to write. One request is handled at a time per connection, so
/// pipelined requests are answered in order; bytes that arrive meanwhile are buffered (bounded),
/// and reading is paused when the buffer is full.
final class Connection: @unchecked Sendable {
    // @unchecked: every mutable property is accessed on the loop's thread only (see above);
    // workers touch nothing but the immutable `context` and the `Request` value they were given.

    private enum State {
        case reading
        case handling
        case writing
        /// Our side is shut down; reading and discarding until the client closes or time runs out.
        case lingering
        case closed
    }

    /// What happens when `deadline` passes.
    private enum DeadlineAction {
        case none
        case headerTimeout
        case bodyTimeout
        case idleTimeout
        case writeTimeout
        case lingerTimeout
    }

    let descriptor: Int32
    private let peer: String
    private unowned let loop: IOLoop
    private let context: ServerContext
    private var writeArmed = false
    private var readPaused = false

    private var state = State.reading
    private var parser: RequestParser
    private var inbound: [UInt8] = []
    private var inboundIndex = 0
    private var outbound: [UInt8] = []
    private var outboundIndex = 0

    private(set) var deadline: UInt64 = 0
    private var deadlineAction = DeadlineAction.none
    /// The parser phase the current deadline was set for, so dribbled bytes do not extend it.
    private var deadlinePhase: RequestParser.Phase?
    private var servedRequests = 0
    private var closeAfterWrite = false
    private var draining = false
    private var peerClosedInput = false
    /// The request a worker is handling, whose cancellation flag is raised if the client goes.
    private var handled: Request?

    /// Buffers up to this size are kept between requests, larger ones freed: reuse saves an
    /// allocation per request, but 256 idle keep-alive connections each holding a 22 KB
    /// listing's buffer would be 6 MB of memory doing nothing.
    private static let keptBufferCapacity = 8 * 1024

    init(descriptor: Int32, peer: String, loop: IOLoop, context: ServerContext) {
        self.descriptor = descriptor
        self.peer = peer
        self.loop = loop
        self.context = context
        parser = RequestParser(limits: context.configuration.limits)
    }

    /// Called by the loop once it watches the socket for reading.
    func start() {
        updateReadingDeadline()
    }

    // MARK: Reading

    /// The socket has bytes, an end of input, or an error; called by the loop.
    func readable() {
        let count = loop.readBuffer.withUnsafeMutableBytes { scratch in
            recv(descriptor, scratch.baseAddress, scratch.count, 0)
        }
        if count < 0 {
            if errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return }
            return terminate()
        }
        if state == .lingering {
            if count == 0 { terminate() }
            return
        }
        if count == 0 {
            // The client finished sending. A response still owed is written, then we close; a
            // handler still working may stop early, since a client that half-closes is rare
            // and one that closed entirely cannot read the answer.
            peerClosedInput = true
            handled?.cancellation.cancel()
            pauseReading()
            if state == .reading { terminate() }
            return
        }
        loop.readBuffer.withUnsafeBytes { scratch in
            inbound.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<count]))
        }
        if state == .reading {
            processInbound()
        } else if inbound.count - inboundIndex > context.configuration.limits.maxBodySize {
            // A client pipelining faster than we answer waits in its own socket buffer.
            pauseReading()
        }
    }

    private func pauseReading() {
        guard !readPaused else { return }
        readPaused = true
        loop.watch(self, reading: false, writing: writeArmed)
    }

    private func resumeReading() {
        guard readPaused, !peerClosedInput else { return }
        readPaused = false
        loop.watch(self, reading: true, writing: writeArmed)
    }

    /// Parses buffered bytes until a request is dispatched or more bytes are needed.
    private func processInbound() {
        while state == .reading {
            let event: ParseEvent?
            do {
                event = try parser.parse(inbound, index: &inboundIndex)
            } catch {
                return reject(error)
            }
            switch event {
            case nil:
                compactInbound()
                updateReadingDeadline()
                return
            case .continueRequested:
                outbound.append(contentsOf: ResponseSerializer.continueResponse)
                flush()
            case .request(var request):
                compactInbound()
                request.peerAddress = peer
                dispatch(request)
            }
        }
    }

    private func compactInbound() {
        if inboundIndex == inbound.count {
            inbound.removeAll(keepingCapacity: inbound.capacity <= Self.keptBufferCapacity)
            inboundIndex = 0
        } else if inboundIndex > 64 * 1024 {
            inbound.removeFirst(inboundIndex)
            inboundIndex = 0
        }
    }

    /// Sets the deadline for the parser's phase when it changes: the header timeout runs from a
    /// request's first byte, the body timeout from the end of its head, the idle timeout between
    /// requests (a new connection that sends nothing gets the header timeout).
    private func updateReadingDeadline() {
        let phase = parser.phase
        guard phase != deadlinePhase else { return }
        deadlinePhase = phase
        let timeouts = context.configuration.timeouts
        switch phase {
        case .idle where servedRequests > 0: setDeadline(timeouts.idle, .idleTimeout)
        case .idle, .head: setDeadline(timeouts.header, .headerTimeout)
        case .body: setDeadline(timeouts.body, .bodyTimeout)
        }
    }

    private func setDeadline(_ timeout: Duration, _ action: DeadlineAction) {
        deadline = DispatchTime.now().uptimeNanoseconds + timeout.nanoseconds
        deadlineAction = action
    }

    private func clearDeadline() {
        deadline = 0
        deadlineAction = .none
        deadlinePhase = nil
    }

    // MARK: Handling

    private func dispatch(_ request: Request) {
        state = .handling
        handled = request
        clearDeadline()
        let requestID = context.requestIDs.id(for: request)
        let started = DispatchTime.now().uptimeNanoseconds
        let responder = context.responder
        // A client over its share is answered here, on the loop, before it takes a worker.
        let limited = context.clientRequests.flatMap { limiter in
            context.configuration.trustedProxies.limitedClient(of: request).map { (limiter, $0) }
        }
        if let (limiter, client) = limited, !limiter.start(client) {
            var response = ProblemDetails(status: .tooManyRequests, detail: "Too many requests from this client under way; retry after 1 s.").response
            response.headers.set("Retry-After", "1")
            response.route = "throttled"
            return finish(request, response, requestID: requestID, started: started)
        }
        context.workers.submit { [self] in
            let response = responder.respond(to: request, requestID: requestID)
            if let (limiter, client) = limited { limiter.finish(client) }
            loop.execute { self.finish(request, response, requestID: requestID, started: started) }
        }
    }

    private func finish(_ request: Request, _ response: Response, requestID: String, started: UInt64) {
        guard state == .handling else { return }
        handled = nil
        servedRequests += 1
        let close = !request.keepAlive || draining || peerClosedInput
        var framing = ResponseSerializer.Framing()
        framing.headOnly = request.method == .head
        framing.close = close
        framing.confirmKeepAlive = request.version == .http1_0
        framing.requestID = requestID
        let before = outbound.count
        ResponseSerializer.append(response, framing: framing, date: context.dateCache.current(), to: &outbound)
        let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
        context.metrics.record(
            method: request.method, route: response.route ?? "unmatched", status: response.status.code, seconds: Double(micros) / 1_000_000)
        if context.logger.isEnabled(.info) {
            context.logger.info(
                "request",
                [
                    "method": request.method.description, "path": String(request.path),
                    "status": String(response.status.code), "bytes": String(outbound.count - before),
                    "us": String(micros), "request_id": requestID, "peer": peer,
                ])
        }
        send(closing: close)
    }

    /// Answers a request the parser rejected, then closes: after a framing error the start of
    /// the next request cannot be known.
    private func reject(_ error: ParseError) {
        let response = ProblemDetails(status: error.status, detail: error.detail).response
        var framing = ResponseSerializer.Framing()
        framing.close = true
        let before = outbound.count
        ResponseSerializer.append(response, framing: framing, date: context.dateCache.current(), to: &outbound)
        context.metrics.record(method: .other("-"), route: "rejected", status: error.status.code, seconds: 0)
        context.logger.info(
            "rejected",
            [
                "status": String(error.status.code), "bytes": String(outbound.count - before),
                "detail": error.detail, "peer": peer,
            ])
        send(closing: true)
    }

    // MARK: Writing

    private func send(closing: Bool) {
        state = .writing
        closeAfterWrite = closing
        clearDeadline()
        flush()
    }

    /// Writes as much of `outbound` as the socket takes; waits for writability for the rest.
    private func flush() {
        while outboundIndex < outbound.count {
            let written = outbound.withUnsafeBytes { bytes in
                Glibc.send(descriptor, bytes.baseAddress! + outboundIndex, bytes.count - outboundIndex, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    armWriting()
                    setDeadline(context.configuration.timeouts.write, .writeTimeout)
                    return
                }
                return terminate()
            }
            outboundIndex += written
        }
        outbound.removeAll(keepingCapacity: outbound.capacity <= Self.keptBufferCapacity)
        outboundIndex = 0
        disarmWriting()
        if state == .writing { responseWritten() }
    }

    /// The socket takes bytes again; called by the loop while a write waits.
    func writable() {
        guard state != .closed else { return }
        flush()
    }

    private func armWriting() {
        guard !writeArmed else { return }
        writeArmed = true
        loop.watch(self, reading: !readPaused, writing: true)
    }

    private func disarmWriting() {
        guard writeArmed else { return }
        writeArmed = false
        loop.watch(self, reading: !readPaused, writing: false)
    }

    private func responseWritten() {
        clearDeadline()
        if closeAfterWrite { return linger() }
        state = .reading
        resumeReading()
        updateReadingDeadline()
        processInbound()
    }

    // MARK: Closing

    /// Closes our sending side and discards what the client still sends until it closes too.
    /// Closing at once with unread bytes would make the kernel send a reset, which can destroy
    /// the response before the client reads it (RFC 9112 §9.6).
    private func linger() {
        state = .lingering
        shutdown(descriptor, Int32(SHUT_WR))
        inbound.removeAll()
        inboundIndex = 0
        setDeadline(context.configuration.timeouts.linger, .lingerTimeout)
        if peerClosedInput { return terminate() }
        resumeReading()
    }

    /// Releases the connection now: the loop stops watching the socket and closes it.
    func terminate() {
        guard state != .closed else { return }
        state = .closed
        handled?.cancellation.cancel()
        handled = nil
        clearDeadline()
        loop.remove(self)
    }

    /// Acts on a passed deadline; called by the loop's periodic sweep.
    func deadlinePassed() {
        switch deadlineAction {
        case .headerTimeout where parser.phase == .idle, .idleTimeout, .writeTimeout, .lingerTimeout:
            terminate()
        case .headerTimeout:
            reject(ParseError(.requestTimeout, "The request head was not received in time."))
        case .bodyTimeout:
            reject(ParseError(.requestTimeout, "The request body was not received in time."))
        case .none:
            break
        }
    }

    /// Graceful shutdown: an idle connection closes now; one with a request under way closes
    /// after answering it.
    func drain() {
        draining = true
        if state == .reading && parser.phase == .idle && inboundIndex == inbound.count { terminate() }
    }
}
