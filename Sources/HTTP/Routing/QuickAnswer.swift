/// An answer a GET route gives from memory (a response rendered earlier and kept), on the I/O
/// loop that parsed the request, with no hand-over to a worker and back; nil when it has none,
/// and the request goes to a worker as usual.
///
/// The hand-over costs two thread wake-ups per request, as much as answering a kept response
/// itself, and a news site's hot pages (the home listing, a category, the story of the hour)
/// are mostly kept ones. A quick answer must never block (no SQLite, no lock held for long):
/// the loop serves every other connection meanwhile. It runs only for requests without
/// credentials, after the route's policy admitted them.
public typealias QuickAnswer = @Sendable (Request) -> Response?
