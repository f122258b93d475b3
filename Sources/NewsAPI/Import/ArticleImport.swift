import JSON
import NewsStore

/// A bulk load of articles from JSON lines (`newsstore import`): one article a line, in the
/// shape `POST /api/v1/articles` takes, decoded and validated exactly as the API does and
/// created through `ArticleService`, a batch of lines per transaction.
///
/// Lines are fed one at a time, so a file of any size streams through in memory for one
/// batch. A batch is all or nothing: the first line that breaks a rule stops the import with
/// its line number, and the batches before it stay committed (run again with `skipExisting`
/// once the line is fixed; lines without a slug would be created twice, so give slugs).
public struct ArticleImport {
    /// How far an import has come.
    public struct Progress: Sendable, Equatable {
        /// Lines read, blank ones included.
        public var lines = 0
        /// Articles created and committed.
        public var created = 0
        /// Lines left out because their slug was already taken (with `skipExisting`).
        public var skipped = 0
        /// The id of the last article created.
        public var lastID: Int64?
    }

    /// The line that stopped the import, and why.
    public struct LineRefused: Error, CustomStringConvertible {
        /// One-based, as editors count lines.
        public let line: Int
        public let detail: String

        public var description: String { "line \(line): \(detail)" }
    }

    /// Lines a batch holds unless told otherwise.
    public static let defaultBatchSize = 500
    /// The batch sizes that may be asked for.
    public static let batchSizes = 1...10_000

    private let articles: ArticleService
    private let batchSize: Int
    private let skipExisting: Bool
    private let principal: Principal
    private var pending: [(line: Int, input: ArticleInput)] = []
    public private(set) var progress = Progress()

    /// `configuration` is the server's, so the events an import records (webhooks) name the
    /// same public URLs the server's would.
    public init(
        database: NewsDatabase, configuration: APIConfiguration, batchSize: Int = defaultBatchSize, skipExisting: Bool,
        principal: Principal = .system
    ) {
        articles = ArticleService(database: database, events: API.articleEvents(configuration), relatedCount: 0)
        self.batchSize = batchSize
        self.skipExisting = skipExisting
        self.principal = principal
        pending.reserveCapacity(batchSize)
    }

    /// Reads one line (without its newline); writes a batch once `batchSize` lines are waiting.
    /// Returns whether a batch was written.
    @discardableResult
    public mutating func add(line bytes: ArraySlice<UInt8>) throws -> Bool {
        progress.lines += 1
        let content = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        guard content.contains(where: { !Self.isWhitespace($0) }) else { return false }
        let json: JSONValue
        do {
            json = try JSONParser.parse(content)
        } catch {
            throw LineRefused(line: progress.lines, detail: "not JSON: \(error.description)")
        }
        pending.append((progress.lines, ArticleInputDecoding.decode(json)))
        guard pending.count >= batchSize else { return false }
        try flush()
        return true
    }

    /// Writes what is still waiting; call it after the last line.
    public mutating func finish() throws {
        try flush()
    }

    private mutating func flush() throws {
        guard !pending.isEmpty else { return }
        let batch: ArticleService.ImportedBatch
        do {
            batch = try articles.importArticles(pending.map(\.input), skipExisting: skipExisting, by: principal)
        } catch let refusal as ArticleService.ImportRefusal {
            throw LineRefused(line: pending[refusal.index].line, detail: Self.describe(refusal.error))
        }
        progress.created += batch.created.count
        progress.skipped += batch.skipped.count
        progress.lastID = batch.created.last ?? progress.lastID
        pending.removeAll(keepingCapacity: true)
    }

    /// A refusal as a line of text: the same field errors a 422 lists, by JSON Pointer.
    private static func describe(_ error: NewsStoreError) -> String {
        switch error {
        case .invalid(let errors): errors.map { "\($0.pointer) \($0.detail)" }.joined(separator: "; ")
        default: error.description
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
