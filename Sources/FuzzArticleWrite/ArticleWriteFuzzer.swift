import Glibc
import HTTP
import NewsAPI
import NewsStore

/// The fuzz test of what an editor's JSON goes through: each input is the body of
/// `POST /api/v1/articles` and, when that created an article, of a merge-patch `PATCH` of it,
/// answered by the real router on a real (temporary) database. The JSON parser, the article
/// decoder, validation, slugs and the SQLite writes all run. Oracle: the answer is never a
/// 5xx: a client's bytes, however malformed, are the client's mistake.
func fuzzArticleWrite(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let body = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let created = ArticleWriteFuzzer.shared.send(.post, "/api/v1/articles", body, contentType: "application/json")
    precondition(created.status.code < 500, "POST answered \(created.status.code)")
    if created.status == .created, let location = created.headers["Location"] {
        let patched = ArticleWriteFuzzer.shared.send(.patch, location, body, contentType: "application/merge-patch+json")
        precondition(patched.status.code < 500, "PATCH answered \(patched.status.code)")
    }
    return 0
}

/// The application under test: the API's router on a database in a fresh temporary folder,
/// migrated from `NEWSSTORE_MIGRATIONS` (scripts/fuzz.sh sets it) or `./migrations`.
final class ArticleWriteFuzzer: Sendable {
    static let shared = ArticleWriteFuzzer()
    static let token = "fuzz-admin-token-0123456789"

    let router: Router

    private init() {
        var template = Array("/tmp/newsstore-fuzz-db.XXXXXX".utf8CString)
        guard let folder = mkdtemp(&template) else { fatalError("cannot make a temporary folder") }
        let path = String(cString: folder) + "/news.sqlite"
        let migrations = getenv("NEWSSTORE_MIGRATIONS").map { String(cString: $0) } ?? "migrations"
        let database: NewsDatabase
        do {
            database = try NewsDatabase(path: path, migrationsDirectory: migrations, readers: 1)
        } catch {
            fatalError("cannot open the fuzzing database: \(error)")
        }
        router = API.makeRouter(
            database: database, tokens: TokenService(database: database, bootstrapToken: Self.token),
            views: ViewService(database: database), configuration: APIConfiguration(),
            logger: Logger(level: .off, sink: LogSink()))
    }

    func send(_ method: HTTP.Method, _ target: String, _ body: [UInt8], contentType: String) -> Response {
        let headers = Headers([("authorization", "Bearer \(Self.token)"), ("content-type", contentType)])
        return router.respond(to: Request(method: method, target: target, headers: headers, body: body), requestID: "fuzz")
    }
}

#if FUZZING
    /// The symbol libFuzzer's runtime expects to find, whichever way it starts.
    @_cdecl("LLVMFuzzerTestOneInput")
    func libFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        fuzzArticleWrite(data, size)
    }
#endif
