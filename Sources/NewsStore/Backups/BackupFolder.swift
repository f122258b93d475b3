import Glibc

/// The folder NewsStore keeps its own backups in (`--backup-dir`), for `POST
/// /api/v1/admin/backup` and `newsstore backup` without `--out`. Backups are named
/// `newsstore-YYYYMMDDTHHMMSSZ.sqlite` (UTC, so names sort by age); one is written at a time,
/// across processes too; after each successful one only the newest `retention` are kept. Files
/// of any other name are never touched: the folder may hold the operator's own copies.
public struct BackupFolder: Sendable {
    public let path: String
    /// How many of our backups to keep; 0 keeps them all.
    public let retention: Int

    public static let defaultRetention = 7

    public init(path: String, retention: Int = BackupFolder.defaultRetention) {
        self.path = path
        self.retention = retention
    }

    /// A backup written and checked.
    public struct Backup: Sendable {
        /// The file's name in the folder; callers show this, never the folder's path.
        public let fileName: String
        public let bytes: Int64
        /// Our older backups deleted to keep `retention`, oldest first.
        public let removed: [String]
    }

    /// Why no backup was made. Descriptions name files, never the folder's path, so they may
    /// be shown to an API client or written to a shipped log.
    public enum Failure: Error, CustomStringConvertible {
        /// Another backup into this folder is being written, by this process or another.
        case busy
        /// A backup was already taken this second, under the same name.
        case sameSecond(fileName: String)
        case failed(String)

        public var description: String {
            switch self {
            case .busy: "another backup is being written"
            case .sameSecond(let fileName): "\(fileName) exists: a backup was taken this second"
            case .failed(let reason): reason
            }
        }
    }

    /// Writes a checked copy of `database` named for `time`, then deletes our backups beyond
    /// the newest `retention`. A copy that fails is deleted, so a broken file never counts as
    /// a backup.
    public func takeBackup(
        of database: NewsDatabase, by principal: Principal, at time: Timestamp = Timestamp.now(),
        progress: (_ remaining: Int, _ total: Int) -> Void = { _, _ in }
    ) throws(Failure) -> Backup {
        if mkdir(path, 0o750) != 0 && errno != EEXIST {
            throw .failed("the backup folder cannot be created: \(String(cString: strerror(errno)))")
        }
        let lock = try acquireLock()
        defer { close(lock) }
        let fileName = Self.fileName(at: time)
        let filePath = path + "/" + fileName
        guard access(filePath, F_OK) != 0 else { throw .sameSecond(fileName: fileName) }
        do {
            try database.backup(to: filePath, by: principal, at: time, progress: progress)
        } catch {
            unlink(filePath)
            throw .failed("\(fileName): " + "\(error)".replacing(path + "/", with: ""))
        }
        var status = stat()
        let bytes = stat(filePath, &status) == 0 ? Int64(status.st_size) : 0
        return Backup(fileName: fileName, bytes: bytes, removed: pruneBackups())
    }

    /// An exclusive `flock` on `.newsstore-backup.lock` in the folder, held until the returned
    /// descriptor is closed. Each open of the file is a lock of its own, so a second backup in
    /// this process is refused like one from `newsstore backup` in another process.
    private func acquireLock() throws(Failure) -> Int32 {
        let descriptor = open(path + "/" + Self.lockFileName, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw .failed("the backup lock cannot be opened: \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let reason = errno
            close(descriptor)
            if reason == EWOULDBLOCK { throw .busy }
            throw .failed("the backup lock cannot be taken: \(String(cString: strerror(reason)))")
        }
        return descriptor
    }

    /// Deletes our backups but the newest `retention`; returns the names deleted.
    private func pruneBackups() -> [String] {
        guard retention > 0, let directory = opendir(path) else { return [] }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if Self.isBackupName(name) { names.append(name) }
        }
        closedir(directory)
        return names.sorted().dropLast(retention).filter { unlink(path + "/" + $0) == 0 }
    }

    static let lockFileName = ".newsstore-backup.lock"

    /// `newsstore-20261206T193000Z.sqlite` for 2026-12-06T19:30:00Z.
    static func fileName(at time: Timestamp) -> String {
        "newsstore-" + String(time.rfc3339.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z.sqlite"
    }

    /// Whether `name` is exactly of the form `fileName(at:)` makes: the only files pruning may
    /// delete.
    static func isBackupName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        let prefix = Array("newsstore-".utf8)
        let suffix = Array("Z.sqlite".utf8)
        // newsstore- YYYYMMDD T HHMMSS Z.sqlite
        guard bytes.count == prefix.count + 15 + suffix.count, bytes.starts(with: prefix), bytes.suffix(suffix.count).elementsEqual(suffix)
        else { return false }
        let stamp = bytes[prefix.count..<prefix.count + 15]
        return stamp.enumerated().allSatisfy { offset, byte in
            offset == 8 ? byte == UInt8(ascii: "T") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
