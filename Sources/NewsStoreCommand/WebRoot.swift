import HTTP

/// Reads the reader's folder (`web/`) into memory at start, for `WebReaderRoutes`.
enum WebRoot {
    /// Bounds that stop a wrong `--web-root` (a home folder, `/`) from being read whole.
    static let maxFiles = 1000
    static let maxBytes = 32 * 1024 * 1024
    static let maxDepth = 8

    /// Every file under `folder` but hidden ones (`.git`, editor backups), at `/<relative path>`.
    static func load(_ folder: String) throws(UsageError) -> [StaticFile] {
        var files: [StaticFile] = []
        var bytes = 0
        try collect(folder, path: "", depth: 0, into: &files, bytes: &bytes)
        guard files.contains(where: { $0.path == "/index.html" }) else {
            throw UsageError("web root '\(folder)' has no index.html")
        }
        return files
    }

    private static func collect(
        _ folder: String, path: String, depth: Int, into files: inout [StaticFile], bytes: inout Int
    ) throws(UsageError) {
        guard let entries = Files.entries(in: folder) else { throw UsageError("cannot read web root folder '\(folder)'") }
        for entry in entries where !entry.name.hasPrefix(".") {
            let location = folder + "/" + entry.name
            if entry.isFolder {
                guard depth < maxDepth else { throw UsageError("web root: '\(location)' is nested deeper than \(maxDepth) folders") }
                try collect(location, path: path + "/" + entry.name, depth: depth + 1, into: &files, bytes: &bytes)
                continue
            }
            guard let body = Files.readFile(location) else { throw UsageError("cannot read web root file '\(location)'") }
            bytes += body.count
            guard files.count < maxFiles, bytes <= maxBytes else {
                throw UsageError("web root '\(location)': more than \(maxFiles) files or \(maxBytes) bytes; is it the right folder?")
            }
            files.append(StaticFile(path: path + "/" + entry.name, body: body))
        }
    }
}
