import HTTP
import JSON
import NewsStore

/// `POST /api/v1/admin/backup`: an online backup on request, for operators who cannot reach
/// the shell. The file goes to the configured backup folder under a timestamped name; clients
/// never choose a path, and answers name the file alone, never where the folder is.
struct AdminRoutes: Sendable {
    let database: NewsDatabase
    let limits: ClientLimits
    let backups: BackupFolder
    let logger: Logger

    func register(on router: inout Router) {
        router.post("/api/v1/admin/backup", .role(.admin), rate: limits.write) { context in try backup(context) }
    }

    private func backup(_ context: RequestContext) throws -> Response {
        let backup: BackupFolder.Backup
        do {
            backup = try backups.takeBackup(of: database)
        } catch .busy {
            throw ProblemDetails(status: .conflict, detail: "Another backup is being written; try again once it is done.")
        } catch .sameSecond {
            throw ProblemDetails(status: .conflict, detail: "A backup was taken this second; try again.")
        } catch {
            logger.error("backup failed", ["request_id": context.requestID, "error": error.description])
            throw ProblemDetails(status: .internalServerError, detail: "The backup failed; the server log says why.")
        }
        logger.info(
            "backup written",
            [
                "request_id": context.requestID, "file": backup.fileName, "bytes": String(backup.bytes),
                "removed": backup.removed.joined(separator: ","),
            ])
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("file", backup.fileName)
        writer.member("bytes", backup.bytes)
        writer.member("integrity", "ok")
        writer.member("removed", JSONValue.array(backup.removed.map { .string($0) }))
        writer.endObject()
        var response = Response.json(writer.bytes, status: .created)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
