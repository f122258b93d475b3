import Glibc

/// A failed test set-up step, with the system's reason.
public struct TemporaryDirectoryError: Error, CustomStringConvertible {
    public let description: String
}

/// Creates a fresh directory `/tmp/<prefix>-XXXXXX` for one test's files.
public func makeTemporaryDirectory(prefix: String) throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else {
        throw TemporaryDirectoryError(description: "mkdtemp failed: \(String(cString: strerror(errno)))")
    }
    return String(cString: created)
}

/// Deletes `path` and everything under it.
public func removeDirectoryTree(_ path: String) {
    if unlink(path) == 0 { return }
    guard let directory = opendir(path) else { return }
    var children: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) { field in
            field.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: field.pointee)) {
                String(cString: $0)
            }
        }
        if name != "." && name != ".." { children.append(path + "/" + name) }
    }
    closedir(directory)
    children.forEach(removeDirectoryTree)
    rmdir(path)
}
