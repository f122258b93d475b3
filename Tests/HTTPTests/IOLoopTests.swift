import Dispatch
import Glibc
import Synchronization
import Testing

@testable import HTTP

@Suite struct IOLoopTests {
    /// What the jobs saw, shared with them.
    final class Probe: Sendable {
        let seen: Mutex<[[Int]]>
        let running = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)
        init(threads: Int) { seen = Mutex([[Int]](repeating: [], count: threads)) }
    }

    /// A loop whose periodic sweep never comes in a test's time, so only the wake-ups of
    /// `execute` make it run jobs.
    private func makeLoop() -> IOLoop {
        let context = ServerContext(
            configuration: ServerConfiguration(), responder: Router(logger: Logger(level: .off, sink: LogSink())),
            workers: WorkerPool(threads: 1), logger: Logger(level: .off, sink: LogSink()), metrics: ServerMetrics())
        return IOLoop(sweepInterval: .seconds(3600), context: context)
    }

    /// Many threads hand the loop jobs at once, as workers do with their responses: every job
    /// runs, once, on the loop's one thread, in the order each thread handed them. A lost
    /// wake-up would leave jobs queued and the wait below would time out.
    @Test func jobsFromManyThreadsAllRunInOrderPerThread() {
        let loop = makeLoop()
        defer { loop.stop() }
        let threads = 4
        let jobsPerThread = 20_000
        let probe = Probe(threads: threads)
        let handedOver = DispatchGroup()
        for thread in 0..<threads {
            handedOver.enter()
            Thread.start {
                for number in 0..<jobsPerThread {
                    loop.execute {
                        if probe.running.wrappingAdd(1, ordering: .relaxed).oldValue != 0 { probe.overlapped.store(true, ordering: .relaxed) }
                        probe.seen.withLock { $0[thread].append(number) }
                        probe.running.wrappingSubtract(1, ordering: .relaxed)
                    }
                }
                handedOver.leave()
            }
        }
        #expect(handedOver.wait(timeout: .now() + 30) == .success)
        let finished = DispatchSemaphore(value: 0)
        loop.execute { finished.signal() }
        #expect(finished.wait(timeout: .now() + 10) == .success, "jobs were left queued: a wake-up was lost")
        let seen = probe.seen.withLock { $0 }
        for thread in 0..<threads {
            let inOrder = seen[thread].elementsEqual(0..<jobsPerThread)
            #expect(inOrder, "thread \(thread): \(seen[thread].count) of \(jobsPerThread) jobs ran, in order: \(inOrder)")
        }
        let overlapped = probe.overlapped.load(ordering: .relaxed)
        #expect(!overlapped, "two jobs ran at once")
    }

    @Test func executeAndWaitReturnsAfterTheJobRan() {
        let loop = makeLoop()
        defer { loop.stop() }
        let probe = Probe(threads: 1)
        loop.executeAndWait { probe.seen.withLock { $0[0].append(1) } }
        let seen = probe.seen.withLock { $0 }
        #expect(seen == [[1]])
    }

    /// A job queued without a wake-up waits for the loop's next turn, and runs before the jobs
    /// queued after it; a job queued after it with `execute` still wakes the loop.
    @Test func enqueuedJobsWaitForTheNextWakeUpAndKeepTheirPlace() {
        let loop = makeLoop()
        defer { loop.stop() }
        let probe = Probe(threads: 1)
        let finished = DispatchSemaphore(value: 0)
        loop.enqueue { probe.seen.withLock { $0[0].append(1) } }
        usleep(200_000)
        #expect(probe.seen.withLock { $0 } == [[]], "an enqueued job ran without a wake-up")
        loop.execute {
            probe.seen.withLock { $0[0].append(2) }
            finished.signal()
        }
        #expect(finished.wait(timeout: .now() + 10) == .success, "execute after enqueue did not wake the loop")
        loop.enqueue {
            probe.seen.withLock { $0[0].append(3) }
            finished.signal()
        }
        loop.wake()
        #expect(finished.wait(timeout: .now() + 10) == .success, "wake did not run the enqueued job")
        #expect(probe.seen.withLock { $0 } == [[1, 2, 3]])
    }
}
