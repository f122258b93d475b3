/// A job as a queue holds it (`WorkerPool`, `IOLoop`). In a struct the closure is stored as
/// declared; in an array of closures it is stored generically, wrapped in a newly allocated
/// thunk as it goes in and, for the workers' queue, again as it comes out: three allocations
/// per request, over a worker's hand-off and the hand-back to the loop.
struct QueuedJob: Sendable {
    let run: @Sendable () -> Void
}
