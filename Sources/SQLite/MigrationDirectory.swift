#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension Migration {
    /// Reads the migrations in a directory: every file whose name ends in `.sql` must be named
    /// `NNNN_description.sql`, and its number is its version. Other files (a README, say) and
    /// hidden files (editor backups) are ignored. Uses the C library directly rather than
    /// Foundation, which would add megabytes to a static binary for two file operations.
    public static func load(fromDirectory path: String) throws -> [Migration] {
        try sqlFileNames(in: path).map { fileName in
            guard let version = migrationVersion(fromFileName: fileName) else {
                throw MigrationError.invalidFileName(fileName)
            }
            let sql = try readUTF8File(atPath: path + "/" + fileName)
            return Migration(version: version, name: fileName, sql: sql)
        }
    }
}

/// The version in `NNNN_description.sql`, or `nil` when the name does not follow that pattern.
/// The description is restricted to letters, digits, `_` and `-` so names stay safe to type in
/// a shell and unambiguous to sort.
private func migrationVersion(fromFileName fileName: String) -> Int? {
    guard fileName.hasSuffix(".sql") else { return nil }
    let stem = fileName.dropLast(4)
    guard let separator = stem.firstIndex(of: "_") else { return nil }
    let digits = stem[..<separator]
    let description = stem[stem.index(after: separator)...]
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
        !description.isEmpty,
        description.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
    else { return nil }
    return Int(digits)
}

/// Names in `path` that look like SQL files (compared case-insensitively, so `0003_x.SQL` is
/// reported as badly named rather than silently skipped), sorted for stable error reporting.
private func sqlFileNames(in path: String) throws -> [String] {
    guard let directory = opendir(path) else {
        throw MigrationError.unreadable(path: path, reason: lastErrorDescription())
    }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) { field in
            field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) {
                String(cString: $0)
            }
        }
        if !name.hasPrefix("."), name.lowercased().hasSuffix(".sql") {
            names.append(name)
        }
    }
    return names.sorted()
}

private func readUTF8File(atPath path: String) throws -> String {
    guard let file = fopen(path, "rb") else {
        throw MigrationError.unreadable(path: path, reason: lastErrorDescription())
    }
    defer { fclose(file) }
    var contents: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        contents.append(contentsOf: chunk[..<count])
        if count < chunk.count {
            break
        }
    }
    if ferror(file) != 0 {
        throw MigrationError.unreadable(path: path, reason: lastErrorDescription())
    }
    guard let text = String(validating: contents, as: UTF8.self) else {
        throw MigrationError.unreadable(path: path, reason: "not valid UTF-8")
    }
    return text
}

private func lastErrorDescription() -> String {
    String(cString: strerror(errno))
}
