import NewsAPI

/// The release version, printed by `--version`, logged at start and exported in the metrics'
/// build info. It is written once, as `info.version` of the OpenAPI document (see
/// `OpenAPIDocument.version`), so the binary and the API description it serves always agree.
enum Version {
    static let current = OpenAPIDocument.version
}
