import Glibc

/// Finds the folder of migration files, so `newsstore serve` works with no configuration both
/// from a source checkout (`swift run`, `.build/debug/newsstore`) and from an installed image.
enum MigrationsLocator {
    /// The first folder holding `0001_*.sql` among: the working directory's `migrations`, the
    /// folders above the executable (a checkout's `.build/<config>/newsstore`), and
    /// `<prefix>/share/newsstore/migrations` next to an installed binary.
    static func find() -> String? {
        var candidates = ["migrations"]
        if let executable = executablePath() {
            var folder = parent(of: executable)
            for _ in 0..<5 {
                candidates.append(folder + "/migrations")
                candidates.append(folder + "/share/newsstore/migrations")
                folder = parent(of: folder)
            }
        }
        candidates.append("/usr/share/newsstore/migrations")
        return candidates.first(where: holdsMigrations)
    }

    private static func holdsMigrations(_ folder: String) -> Bool {
        guard let directory = opendir(folder) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix("0001_") && name.hasSuffix(".sql") { return true }
        }
        return false
    }

    private static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
