import Dispatch
import Glibc
import Synchronization

/// One client connection: reads bytes, parses requests, hands each to the workers, and writes
/// the responses back in order.
///
/// All its state is touched only on its loop's thread; a worker computes a response, encodes
/// its head, counts and logs it, and writes it to the socket itself when nothing else is
/// under way on the connection, telling the loop without waking it (the loop learns with the
/// client's next request). Otherwise, or when the socket takes only part of it, the worker
/// hands it back to the loop to write. So the loop, which serves many connections, does
/// little more per request than read, parse and route, and is not woken once more per answer.
/// A reader's page kept in memory is answered by the loop itself (`QuickAnswer`). One request
/// is handled at a time per connection, so pipelined requests are answered in order; bytes
/// that arrive meanwhile are buffered (bounded), and reading is paused when the buffer is full.
///
/// A request is routed as soon as its head is parsed. When its body is not all here yet, the
/// route's policy is checked on a worker before any more of it is read (and before a
/// `100 Continue`): a write without valid credentials is refused without the server holding
/// or waiting for its body, and an admitted body reserves its bytes from the server's
/// `BodyBudget`.
final class Connection: @unchecked Sendable {
    // @unchecked: every mutable property is accessed on the loop's thread only (see above);
    // workers touch nothing but the immutable `context`, `peer` and `descriptor`, the atomic
    // `attention`, and the values they were given (`encode` reads nothing else). A worker
    // writes to the socket only while it has the connection's request (`workerBusy`), when
    // the loop neither writes to it nor closes its descriptor.

    private enum State {
        case reading
        /// A worker checks the policy of a request whose body is still to come.
        case admitting
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

    /// The request under way, from its head until its answer is queued, and what it holds.
    private struct Exchange {
        var match: RouteMatch
        /// The head, kept while its body is coming.
        let head: Request
        let started: UInt64
        /// Whether it holds one of its client's slots for requests under way.
        var holdsClientSlot: Bool
        /// Bytes of the server's body budget reserved for its body.
        var reservedBodyBytes = 0
    }

    let descriptor: Int32
    /// The other end, identified once at accept (see `ClientIdentification.Peer`).
    private let peer: ClientIdentification.Peer
    /// What this connection counts under in the per-client connection cap; nil when exempt.
    let clientKey: ClientKey?
    private unowned let loop: IOLoop
    private let context: ServerContext
    private var writeArmed = false
    private var readPaused = false

    private var state = State.reading
    private var parser: RequestParser
    private var inbound: [UInt8] = []
    private var inboundIndex = 0
    /// The response being written, and how many of its bytes have gone.
    private var outbound = EncodedResponse(head: [], body: [], close: false)
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
    private var exchange: Exchange?
    /// A worker has a job of this connection's; what the exchange holds is released when it
    /// ends, and the descriptor stays open until then (the worker may be writing to it).
    private var workerBusy = false
    /// Raised by the loop while a worker handles a request when the loop has something to do
    /// once it is answered (bytes of the next request buffered, the client gone or half
    /// gone, a drain begun): the worker then hands the answer back and wakes the loop rather
    /// than write it and leave the loop to learn of it later.
    private let attention = Atomic<Bool>(false)
    /// A quick answer is being written from inside `dispatch`: `processInbound`, which called
    /// it, goes on with the next pipelined request, rather than the stack growing by one
    /// request each.
    private var answeringQuickly = false

    /// Inbound buffers up to this size are kept between requests, larger ones freed: reuse
    /// saves an allocation per request, but 256 idle keep-alive connections each holding a
    /// large upload's buffer would be megabytes of memory doing nothing.
    private static let keptBufferCapacity = 8 * 1024

    init(descriptor: Int32, peer: ClientIdentification.Peer, clientKey: ClientKey?, loop: IOLoop, context: ServerContext) {
        self.descriptor = descriptor
        self.peer = peer
        self.clientKey = clientKey
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
            attention.store(true, ordering: .sequentiallyConsistent)
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
            return
        }
        attention.store(true, ordering: .sequentiallyConsistent)
        if inbound.count - inboundIndex > context.configuration.limits.maxBodySize {
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
                // A body is still to come: its route's policy decides before more of it is read.
                if let exchange, exchange.match.caller == nil, parser.phase == .body { return admit(expectsContinue: false) }
                updateReadingDeadline()
                return
            case .head(var head, let expectsContinue):
                head.peerAddress = peer.address
                guard begin(head) else { return }
                // A client waiting for `100 Continue` gets it only once the policy admits it;
                // otherwise a body already buffered whole goes on with its request at once.
                if expectsContinue { return admit(expectsContinue: true) }
            case .request(var request):
                compactInbound()
                request.peerAddress = peer.address
                if exchange == nil { guard begin(request) else { return } }
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

    /// Starts the exchange of the request whose head is `head`: who its client is, its route,
    /// a slot among its client's requests under way. False when the transport refused it (its
    /// answer is on its way).
    private func begin(_ head: Request) -> Bool {
        let started = DispatchTime.now().uptimeNanoseconds
        let client = context.clients.client(of: head, from: peer)
        let match = context.responder.route(head, client: client, requestID: context.requestIDs.id(for: head))
        exchange = Exchange(match: match, head: head, started: started, holdsClientSlot: false)
        guard client.isLimited, let limiter = context.clientRequests else { return true }
        guard limiter.start(client.key) else {
            // A client over its share is answered here, on the loop, before it takes a worker.
            var response = ProblemDetails(status: .tooManyRequests, detail: "Too many requests from this client under way; retry after 1 s.").response
            response.headers.set("Retry-After", "1")
            response.route = "throttled"
            finish(head, response, forceClose: parser.phase == .body)
            return false
        }
        exchange?.holdsClientSlot = true
        return true
    }

    /// Has a worker check the policy of the request whose head began the exchange, while its
    /// body waits unread.
    private func admit(expectsContinue: Bool) {
        guard var exchange else { return }
        state = .admitting
        clearDeadline()
        let head = exchange.head
        let declared = head.headers["content-length"].flatMap { Int($0) } ?? context.configuration.limits.maxBodySize
        guard let reserved = context.bodyBudget.reserve(declared) else {
            var response = ProblemDetails(status: .serviceUnavailable, detail: "The server is receiving too many uploads; retry shortly.").response
            response.headers.set("Retry-After", "1")
            response.route = "throttled"
            return finish(head, response, forceClose: true)
        }
        exchange.reservedBodyBytes = reserved
        self.exchange = exchange
        let responder = context.responder
        let unchecked = exchange.match
        workerBusy = true
        context.workers.submit { [self] in
            var match = unchecked
            let refusal = responder.admit(head, &match)
            let checked = match
            loop.execute { self.admitted(checked, refusal: refusal, expectsContinue: expectsContinue) }
        }
    }

    private func admitted(_ match: RouteMatch, refusal: Response?, expectsContinue: Bool) {
        workerBusy = false
        guard state == .admitting, let head = exchange?.head else { return releaseAfterWorker() }
        if let refusal { return finish(head, refusal, forceClose: true) }
        exchange?.match = match
        state = .reading
        if expectsContinue {
            outbound = EncodedResponse(head: ResponseSerializer.continueResponse, body: [], close: false)
            flush()
        }
        resumeReading()
        processInbound()
        // A client that stopped sending before its body was complete will never complete it.
        if state == .reading && peerClosedInput { terminate() }
    }

    /// Answers a whole request from memory if its route can (`QuickAnswer`), else hands it
    /// to a worker of its route's lane, which also encodes the answer.
    private func dispatch(_ request: Request) {
        guard var exchange else { return }
        state = .handling
        clearDeadline()
        let responder = context.responder
        // As things stand now; `answered` encodes the head again in the rare case that they
        // change while the worker runs (a drain starts, the client half-closes).
        let close = closes(request, forceClose: false)
        let started = exchange.started
        if let answer = responder.quickResponse(to: request, &exchange.match) {
            let encoded = encode(answer, to: request, close: close, started: started, requestID: exchange.match.requestID)
            releaseExchange()
            servedRequests += 1
            answeringQuickly = true
            write(encoded)
            answeringQuickly = false
            return
        }
        // Admitted by the attempt above or not, the worker goes on from there.
        self.exchange = exchange
        let match = exchange.match
        let held = (slot: exchange.holdsClientSlot ? match.client.key : nil, bodyBytes: exchange.reservedBodyBytes)
        handled = request
        attention.store(inboundIndex < inbound.count || close, ordering: .sequentiallyConsistent)
        let job: WorkerPool.Job = { [self] in
            // A request whose client left while it waited for a worker is not worth answering.
            let answer = request.cancellation.isCancelled ? nil : responder.respond(to: request, match)
            let encoded = answer.map { encode($0, to: request, close: close, started: started, requestID: match.requestID) }
            guard let encoded, !attention.load(ordering: .sequentiallyConsistent) else {
                return loop.execute { self.answered(request, answer, encoded, sent: 0, released: false) }
            }
            // Released before the answer goes: its client may send the next request at once,
            // on another connection, and must find its slot free.
            context.release(clientSlot: held.slot, bodyBytes: held.bodyBytes)
            let sent = Self.send(encoded, from: 0, on: descriptor)
            guard sent == encoded.count else {
                return loop.execute { self.answered(request, answer, encoded, sent: sent, released: true) }
            }
            loop.enqueue { self.answeredDirectly(request) }
            // Raised after the check above: the loop may be asleep, with work waiting for this.
            if attention.load(ordering: .sequentiallyConsistent) { loop.wake() }
        }
        workerBusy = true
        switch match.policy.lane {
        case .shared: context.workers.submit(job)
        case .capped(let cap): cap.submit(job, to: context.workers)
        case .reserved: context.reservedWorkers.submit(job)
        }
    }

    /// The worker's answer, to write from the `sent`th byte on (the worker wrote those), or nil
    /// when the request was dropped; `released` when the worker gave back what the exchange held.
    private func answered(_ request: Request, _ response: Response?, _ encoded: EncodedResponse?, sent: Int, released: Bool) {
        workerBusy = false
        if released {
            exchange?.holdsClientSlot = false
            exchange?.reservedBodyBytes = 0
        }
        guard state == .handling else { return releaseAfterWorker() }
        // Skipped because the client closed (or half-closed, which a socket cannot tell apart,
        // and which nginx too takes for an abort) while the request waited: nobody reads on.
        guard let response, var encoded else {
            context.logger.info("request dropped, its client went away", ["method": request.method.description, "path": String(request.path)])
            return terminate()
        }
        handled = nil
        let close = closes(request, forceClose: false)
        if close != encoded.close {
            if sent == 0 {
                encoded = ResponseSerializer.encode(
                    response, framing: framing(of: request, close: close, requestID: exchange?.match.requestID ?? ""),
                    date: context.dateCache.current())
            } else {
                // The worker began writing a head that keeps the connection; closed all the same.
                encoded.close = true
            }
        }
        releaseExchange()
        servedRequests += 1
        write(encoded, from: sent)
    }

    /// A worker wrote the whole answer, and released what the exchange held.
    private func answeredDirectly(_ request: Request) {
        workerBusy = false
        exchange = nil
        guard state == .handling else { return releaseAfterWorker() }
        handled = nil
        servedRequests += 1
        state = .writing
        closeAfterWrite = closes(request, forceClose: false)
        responseWritten()
    }

    /// A worker is done with a connection closed meanwhile: what it held goes now.
    private func releaseAfterWorker() {
        releaseExchange()
        if state == .closed { close(descriptor) }
    }

    /// Releases what the exchange holds: its client's slot, its share of the body budget.
    private func releaseExchange() {
        guard let exchange else { return }
        self.exchange = nil
        context.release(clientSlot: exchange.holdsClientSlot ? exchange.match.client.key : nil, bodyBytes: exchange.reservedBodyBytes)
    }

    /// Answers `request` from the loop itself (a refusal made before any worker saw it), then
    /// ends the exchange. `forceClose` when the request's body was not read, so the next
    /// request's start is unknown.
    private func finish(_ request: Request, _ response: Response, forceClose: Bool) {
        let started = exchange?.started ?? DispatchTime.now().uptimeNanoseconds
        let requestID = exchange?.match.requestID ?? ""
        releaseExchange()
        servedRequests += 1
        write(encode(response, to: request, close: closes(request, forceClose: forceClose), started: started, requestID: requestID))
    }

    /// Whether the connection closes after answering `request`.
    private func closes(_ request: Request, forceClose: Bool) -> Bool {
        forceClose || !request.keepAlive || draining || peerClosedInput
    }

    private func framing(of request: Request, close: Bool, requestID: String) -> ResponseSerializer.Framing {
        var framing = ResponseSerializer.Framing()
        framing.headOnly = request.method == .head
        framing.close = close
        framing.confirmKeepAlive = request.version == .http1_0
        framing.requestID = requestID
        return framing
    }

    /// Encodes `response` and counts and logs it, on whichever thread made it: it reads only
    /// the connection's immutable `context` and `peer`.
    private func encode(_ response: Response, to request: Request, close: Bool, started: UInt64, requestID: String) -> EncodedResponse {
        let encoded = ResponseSerializer.encode(
            response, framing: framing(of: request, close: close, requestID: requestID), date: context.dateCache.current())
        let micros = (DispatchTime.now().uptimeNanoseconds - started) / 1000
        context.metrics.record(
            method: request.method, route: response.route ?? "unmatched", status: response.status.code, seconds: Double(micros) / 1_000_000)
        context.logger.request(
            method: request.method, path: request.path, status: response.status.code, bytes: encoded.count, micros: micros,
            requestID: requestID, peer: peer.address)
        return encoded
    }

    /// Answers a request the parser rejected, then closes: after a framing error the start of
    /// the next request cannot be known.
    private func reject(_ error: ParseError) {
        releaseExchange()
        let response = ProblemDetails(status: error.status, detail: error.detail).response
        var framing = ResponseSerializer.Framing()
        framing.close = true
        let encoded = ResponseSerializer.encode(response, framing: framing, date: context.dateCache.current())
        context.metrics.record(method: .other("-"), route: "rejected", status: error.status.code, seconds: 0)
        context.logger.info(
            "rejected",
            [
                "status": String(error.status.code), "bytes": String(encoded.count),
                "detail": error.detail, "peer": peer.address,
            ])
        write(encoded)
    }

    // MARK: Writing

    /// Writes a response, closing afterwards if its head says so. The write timeout runs from
    /// here to its last byte, however the client paces its reading: a reader that takes a
    /// byte now and then cannot keep the connection forever.
    private func write(_ response: EncodedResponse, from sent: Int = 0) {
        state = .writing
        closeAfterWrite = response.close
        outbound = response
        outboundIndex = sent
        deadlinePhase = nil
        setDeadline(context.configuration.timeouts.write, .writeTimeout)
        flush()
    }

    /// Writes as much of `outbound` as the socket takes; waits for writability for the rest.
    private func flush() {
        while outboundIndex < outbound.count {
            let written = Self.sendOnce(outbound, from: outboundIndex, on: descriptor)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return armWriting() }
                return terminate()
            }
            outboundIndex += written
        }
        outbound = EncodedResponse(head: [], body: [], close: false)
        outboundIndex = 0
        disarmWriting()
        if state == .writing { responseWritten() }
    }

    /// Writes as much of `response` from its `sent`th byte on as the socket takes now; how
    /// far it got (`sent` when it took nothing or failed). For a worker writing an answer.
    private static func send(_ response: EncodedResponse, from sent: Int, on descriptor: Int32) -> Int {
        var sent = sent
        while sent < response.count {
            let written = sendOnce(response, from: sent, on: descriptor)
            if written < 0 {
                if errno == EINTR { continue }
                break
            }
            sent += written
        }
        return sent
    }

    /// One `sendmsg(2)` of what is left of the head and the body after the `sent`th byte.
    private static func sendOnce(_ response: EncodedResponse, from sent: Int, on descriptor: Int32) -> Int {
        response.head.withUnsafeBytes { head in
            response.body.withUnsafeBytes { body in
                withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { parts in
                    var count = 0
                    if sent < head.count {
                        parts[0] = iovec(
                            iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress! + sent), iov_len: head.count - sent)
                        count = 1
                    }
                    let bodyOffset = max(0, sent - head.count)
                    if bodyOffset < body.count {
                        parts[count] = iovec(
                            iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress! + bodyOffset), iov_len: body.count - bodyOffset)
                        count += 1
                    }
                    var message = msghdr()
                    message.msg_iov = parts.baseAddress
                    message.msg_iovlen = count
                    return Glibc.sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL))
                }
            }
        }
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
        if !answeringQuickly { processInbound() }
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
        attention.store(true, ordering: .sequentiallyConsistent)
        clearDeadline()
        // A worker still busy for this connection may be writing to its socket: the exchange
        // and the descriptor are released when it is done (`releaseAfterWorker`), so that the
        // number is not given to a new connection meanwhile.
        guard !workerBusy else {
            loop.forget(self)
            return
        }
        releaseExchange()
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
        attention.store(true, ordering: .sequentiallyConsistent)
        if state == .reading && parser.phase == .idle && inboundIndex == inbound.count { terminate() }
    }
}
