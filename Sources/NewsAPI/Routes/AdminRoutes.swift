import Glibc
import HTTP
import JSON
import NewsStore

/// `POST /api/v1/admin/backup`: an online backup on request, for operators who cannot reach
/// the shell. The file goes to the configured backup folder under a timestamped name; clients
/// never choose a path.
struct AdminRoutes: Sendable {
    let database: NewsDatabase
    let limits: ClientLimits
    let backupDirectory: String

    func register(on router: inout Router) {
        router.post("/api/v1/admin/backup", .token, rate: limits.write) { context in try backup(context) }
    }

    private func backup(_ context: RequestContext) throws -> Response {
        if mkdir(backupDirectory, 0o750) != 0 && errno != EEXIST {
            throw ProblemDetails(status: .internalServerError, detail: "The backup folder cannot be created.")
        }
        let stamp = String(Timestamp.now().rfc3339.prefix(19).filter { $0 != "-" && $0 != ":" })
        let path = "\(backupDirectory)/newsstore-\(stamp)Z.sqlite"
        guard access(path, F_OK) != 0 else {
            throw ProblemDetails(status: .conflict, detail: "A backup was taken this second; try again.")
        }
        try database.backup(to: path)
        var info = stat()
        let bytes = stat(path, &info) == 0 ? Int64(info.st_size) : 0
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("file", path)
        writer.member("bytes", bytes)
        writer.member("integrity", "ok")
        writer.endObject()
        var response = Response.json(writer.bytes, status: .created)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
