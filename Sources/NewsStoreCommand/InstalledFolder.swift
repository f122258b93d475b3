import Glibc

/// Finds the folders shipped with the binary (`migrations`, `web`), so `newsstore serve` works
/// with no configuration both from a source checkout (`swift run`, `.build/debug/newsstore`)
/// and from an installed image.
enum InstalledFolder {
    /// The first folder called `name` for which `isComplete` holds, among: the working
    /// directory's, those in the folders above the executable (a checkout's
    /// `.build/<config>/newsstore`), `<prefix>/share/newsstore/<name>` next to an installed
    /// binary, and `/usr/share/newsstore/<name>`.
    static func find(_ name: String, where isComplete: (String) -> Bool) -> String? {
        var candidates = [name]
        if let executable = executablePath() {
            var folder = parent(of: executable)
            for _ in 0..<5 {
                candidates.append(folder + "/" + name)
                candidates.append(folder + "/share/newsstore/" + name)
                folder = parent(of: folder)
            }
        }
        candidates.append("/usr/share/newsstore/" + name)
        return candidates.first(where: isComplete)
    }

    /// The migrations folder: the one holding `0001_*.sql`.
    static func migrations() -> String? {
        find("migrations") { folder in
            Files.entries(in: folder)?.contains { $0.name.hasPrefix("0001_") && $0.name.hasSuffix(".sql") } ?? false
        }
    }

    /// The reader's folder: the one holding `index.html`.
    static func web() -> String? {
        find("web") { folder in
            Files.entries(in: folder)?.contains { $0.name == "index.html" && !$0.isFolder } ?? false
        }
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
