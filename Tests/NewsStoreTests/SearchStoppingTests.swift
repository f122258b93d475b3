import SQLite
import TestSupport
import Testing

@testable import NewsStore

/// What bounds one search's cost: its time limit, its caller's stop flag, and one MATCH for the
/// whole page rather than one per hit shown.
@Suite struct SearchStoppingTests {
    /// 120 public articles that all hold the searched words, so that a search ranks every one
    /// of them: thousands of SQLite instructions, so several progress checks.
    private func populate(_ store: StoreFixture) throws {
        for index in 0..<120 {
            _ = try store.articles.create(
                Sample.article("الحكومة تعلن خطة رقم \(index)", body: [.paragraph("قالت الحكومة إن الخطة تبدأ قريبا في دمشق وحلب.")]), by: .system)
        }
    }

    private func request(_ query: String = "الحكومة خطة") throws -> SearchRequest {
        var request = SearchRequest(terms: try SearchTerms(parsing: query))
        request.limit = 100
        return request
    }

    @Test func aSearchPastItsTimeLimitIsStoppedAndTheReaderServesTheNext() throws {
        try withStore(readers: 1) { store in
            try populate(store)
            let hurried = SearchService(database: store.database, timeLimit: .zero, clock: store.clock.clock)
            #expect(expectError(SearchStopped.self) { try hurried.search(try request()) } == .overTimeLimit(.zero))
            // The only reader went back to the pool without its progress check.
            let patient = SearchService(database: store.database, clock: store.clock.clock)
            #expect(try patient.search(try request()).hits.count == 100)
        }
    }

    @Test func aStopFlagRaisedWhileTheSearchRunsStopsIt() throws {
        try withStore { store in
            try populate(store)
            let search = SearchService(database: store.database, clock: store.clock.clock)
            // Down before the search starts, raised at the first check made while it runs.
            var asked = 0
            let stopped = expectError(SearchStopped.self) {
                try search.search(
                    try request(),
                    stopWhen: {
                        asked += 1
                        return asked > 1
                    })
            }
            #expect(stopped == .cancelled)
            #expect(asked == 2)
        }
    }

    @Test func aSearchWhoseCallerIsAlreadyGoneDoesNotStart() throws {
        try withStore { store in
            try populate(store)
            let search = SearchService(database: store.database, clock: store.clock.clock)
            #expect(expectError(SearchStopped.self) { try search.search(try request(), stopWhen: { true }) } == .cancelled)
            #expect(try search.search(try request(), stopWhen: { false }).hits.count == 100)
        }
    }

    @Test func theShownHitsAreMarkedFromOneMatchInRankOrder() throws {
        try withStore(readers: 1) { store in
            try populate(store)
            let search = SearchService(database: store.database, clock: store.clock.clock)
            let page = try search.search(try request("الحكومة خطة"))
            #expect(page.hits.count == 100)
            #expect(page.hits.allSatisfy { hit in hit.title.fragments.contains { $0.isMatch && $0.text == "الحكومة" } })
            // Equal scores and times rank the newest first; the hits statement reads rows by
            // ascending id, and the page must still come in the ranking's order.
            let ids = page.hits.map(\.article.id)
            #expect(ids == ids.sorted(by: >))
            // The statement that marks the hits walks the MATCH once, over a rowid range: no
            // rowid equality handed to FTS5, which would run the MATCH once per hit.
            let marking = try store.database.pool.read { db in
                try db.prepare("SELECT sql FROM sqlite_stmt").mapRows { $0.string(at: 0) ?? "" }
                    .filter { $0.contains("\(SearchSchema.instancesFunction)(") }
            }
            #expect(marking.count == 1)
            let db = try Connection(path: store.path, access: .readOnly)
            try SearchSchema.install(on: db)
            let plan = try db.prepare("EXPLAIN QUERY PLAN " + (marking.first ?? "")).mapRows { $0.string(at: 3) ?? "" }
            let index = plan.first { $0.contains("SCAN article_search VIRTUAL TABLE INDEX") }
            #expect(index != nil, "\(plan)")
            #expect(index.map { !$0.split(separator: ":").dropFirst().joined().contains("=") } == true, "\(plan)")
        }
    }
}
