/// The release version, printed by `--version` and logged at start.
enum Version {
    static let current = "0.1.0"
}
