/// The checkout's root folder, found from this file's path (Tests/TestSupport/ → ../..), so
/// tests reach `migrations/`, `web/` or `config/` wherever they run from.
public let repositoryRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/")
}()

/// A path inside the checkout: `repositoryPath("migrations")`.
public func repositoryPath(_ relativePath: String) -> String {
    repositoryRoot + "/" + relativePath
}
