import Glibc
import JSON
import SQLite
import Synchronization
import TestSupport
import Testing

@testable import NewsStore

// Helpers for the service-level tests (ArticleServiceTests, ArticleListingTests, TermServiceTests,
// TokenServiceTests, QueryPlanTests). Every test gets a real SQLite file in a fresh directory
// under /tmp, migrated from the repository's `migrations/` folder and removed afterwards.

/// A clock the tests move by hand, so scheduled publication is deterministic.
final class ManualClock: Sendable {
    /// 2025-07-01T08:00:00Z, the "now" every store starts at.
    static let start = Timestamp(milliseconds: 1_751_356_800_000)

    private let current: Mutex<Int64>

    init(_ start: Timestamp = ManualClock.start) {
        current = Mutex(start.milliseconds)
    }

    var now: Timestamp { Timestamp(milliseconds: current.withLock { $0 }) }

    func set(_ timestamp: Timestamp) {
        current.withLock { $0 = timestamp.milliseconds }
    }

    func advance(milliseconds: Int64) {
        current.withLock { $0 += milliseconds }
    }

    func advance(minutes: Int64) { advance(milliseconds: minutes * 60_000) }
    func advance(hours: Int64) { advance(milliseconds: hours * 3_600_000) }

    /// The closure the services take.
    var clock: @Sendable () -> Timestamp {
        { [self] in now }
    }
}

extension Timestamp {
    func adding(minutes: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + minutes * 60_000) }
    func adding(hours: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + hours * 3_600_000) }
    func adding(days: Int64) -> Timestamp { Timestamp(milliseconds: milliseconds + days * 86_400_000) }
}

struct StoreFixtureError: Error, CustomStringConvertible {
    let description: String
}

/// The repository's `migrations/` folder.
func repositoryMigrationsDirectory() -> String {
    repositoryPath("migrations")
}

/// A migrated database in a temporary directory with the three services on it, all sharing
/// one `ManualClock`.
final class StoreFixture {
    static let bootstrapToken = "bootstrap-secret-for-tests"

    let directory: String
    let path: String
    let clock: ManualClock
    let database: NewsDatabase
    let articles: ArticleService
    let terms: TermService
    let tokens: TokenService

    init(readers: Int = 2, clock: ManualClock = ManualClock()) throws {
        directory = try makeTemporaryDirectory(prefix: "newsstore-tests")
        path = directory + "/news.sqlite"
        self.clock = clock
        do {
            database = try NewsDatabase(path: path, migrationsDirectory: repositoryMigrationsDirectory(), readers: readers)
        } catch {
            removeDirectoryTree(directory)
            throw error
        }
        articles = ArticleService(database: database, events: .forTests, clock: clock.clock)
        terms = TermService(database: database, clock: clock.clock)
        tokens = TokenService(database: database, bootstrapToken: Self.bootstrapToken, clock: clock.clock)
    }

    func close() {
        database.close()
        removeDirectoryTree(directory)
    }

    // MARK: Raw SQL, for checking what is (not) stored

    /// The first column of the first row as an integer.
    func int(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> Int {
        try database.pool.read { db in
            try db.withStatement(sql) { statement in
                try statement.bind(parameters)
                guard try statement.step() else { throw StoreFixtureError(description: "no row for \(sql)") }
                return statement.int(at: 0)
            }
        }
    }

    /// The first column of every row as text.
    func strings(_ sql: String, _ parameters: [SQLiteValue] = []) throws -> [String] {
        try database.pool.read { db in
            try db.withStatement(sql) { statement in
                try statement.bind(parameters)
                return try statement.mapRows { $0.string(at: 0) ?? "NULL" }
            }
        }
    }

    /// Every column of every row of `table`, as text.
    func allCells(of table: String) throws -> [String] {
        try database.pool.read { db in
            try db.withStatement("SELECT * FROM \(table)") { statement in
                var cells: [String] = []
                while try statement.step() {
                    for column in 0..<statement.columnCount { cells.append(statement.string(at: column) ?? "NULL") }
                }
                return cells
            }
        }
    }

    // MARK: Service shortcuts

    /// The article at `key` for `audience`, or nil when not found or moved.
    func found(_ key: String, for audience: Audience = .editor) throws -> Article? {
        if case .found(let article) = try articles.article(key, for: audience) { return article }
        return nil
    }

    func found(_ id: Int64, for audience: Audience = .editor) throws -> Article? {
        try found(String(id), for: audience)
    }

    /// Ids of one listing page.
    func ids(_ query: ArticleQuery, for audience: Audience = .reader) throws -> [Int64] {
        try articles.list(query, for: audience).items.map(\.id)
    }

    /// Every id of a listing, page after page.
    func allIDs(_ query: ArticleQuery, for audience: Audience = .reader) throws -> [Int64] {
        var query = query
        var ids: [Int64] = []
        while true {
            let page = try articles.list(query, for: audience)
            ids += page.items.map(\.id)
            guard let next = page.nextCursor else { return ids }
            query.cursor = next
        }
    }
}

/// Runs `body` with a fresh store, closed and deleted afterwards.
func withStore<T>(readers: Int = 2, _ body: (StoreFixture) throws -> T) throws -> T {
    let store = try StoreFixture(readers: readers)
    defer { store.close() }
    return try body(store)
}

// MARK: Sample inputs

enum Sample {
    static let seedTitle = "بضغط من واشنطن.. دمشق توافق على المشاركة في \"حملة رباعية\" ضد \"داعش\""
    static let seedSlug = "بضغط-من-واشنطن-دمشق-توافق-على-المشاركة-في-حملة-رباعية-ضد-داعش"

    static let body: [Block] = [
        .paragraph("أعلنت دمشق موافقتها على المشاركة في \"حملة رباعية\" ضد تنظيم \"داعش\"."),
        .heading("خلفية القرار", level: 2),
        .image(
            Block.Image(
                url: "https://example.com/images/syria.jpg", alt: "قوات خاصة سورية", caption: "تدريبات في ريف دمشق",
                credit: "وكالات")),
        .quote("«لن نسمح بعودة الإرهاب»"),
        .list(items: ["واشنطن", "دمشق", "بغداد", "عمّان"], ordered: true),
    ]

    static let hero = HeroImage(
        url: "https://example.com/images/hero.jpg", alt: "قوات خاصة سورية", caption: "صورة أرشيفية", credit: "إرم نيوز")

    static let source = CitedSource(name: "إرم نيوز", url: "https://www.eremnews.com/news/arab-world/1", relation: "reported_by")

    /// A publishable article: title, one paragraph, and whatever else is given.
    static func article(
        _ title: String,
        status: ArticleStatus? = .published,
        publishedAt: Timestamp? = nil,
        slug: String? = nil,
        category: String? = nil,
        tags: [String] = [],
        author: String? = nil,
        sources: [CitedSource] = [],
        body: [Block] = [.paragraph("نص الخبر.")]
    ) -> ArticleInput {
        var input = ArticleInput()
        input.title = title
        input.slug = slug
        input.status = status
        input.publishedAt = publishedAt
        input.category = category
        input.tags = tags
        input.author = author
        input.sources = sources
        input.body = body
        return input
    }
}

// MARK: Errors

/// The `NewsStoreError` that `body` throws, or nil (recording an issue) when it throws nothing
/// or something else.
@discardableResult
func storeError<R>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> R) -> NewsStoreError? {
    expectError(NewsStoreError.self, sourceLocation: sourceLocation, body)
}

extension NewsStoreError {
    /// The JSON pointers of an `.invalid` error; empty for the other cases.
    var pointers: [String] {
        if case .invalid(let errors) = self { return errors.map(\.pointer) }
        return []
    }

    var isNotFound: Bool { if case .notFound = self { true } else { false } }
    var isConflict: Bool { if case .conflict = self { true } else { false } }
    var isInvalid: Bool { if case .invalid = self { true } else { false } }
    var isInvalidQuery: Bool { if case .invalidQuery = self { true } else { false } }
}

// MARK: Files

func pathExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}

/// Writes a summary's id, slug, title and status: the store's tests check which events are
/// appended and when, not the API's summary shape (NewsAPI's tests do).
struct TestSummaryRenderer: ArticleSummaryRendering {
    func writeMembers(of summary: ArticleSummary, to writer: inout JSONWriter) {
        writer.member("id", summary.id)
        writer.member("slug", summary.slug)
        writer.member("title", summary.title)
        writer.member("status", summary.status.rawValue)
    }
}

extension ArticleEvents {
    static let forTests = ArticleEvents(renderer: TestSummaryRenderer(), publication: Publication(origin: "https://news.example"))
}

/// Writes a comment's id, status and body: the store's tests check which comment events are
/// appended, not the API's comment shape.
struct TestCommentRenderer: CommentRendering {
    func writePublicMembers(of comment: NewsStore.Comment, to writer: inout JSONWriter) {
        writer.member("id", comment.id)
        writer.member("body", comment.body)
    }
}

extension CommentEvents {
    static let forTests = CommentEvents(
        comments: TestCommentRenderer(), summaries: TestSummaryRenderer(), publication: Publication(origin: "https://news.example"))
}
