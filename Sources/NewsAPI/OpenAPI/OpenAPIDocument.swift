import JSON

/// The OpenAPI 3.1 description of the HTTP API, served at `GET /api/v1/openapi.json`.
///
/// The document is the data file `openapi.json` next to this one, maintained by hand from the
/// routes, presenters and decoders. SwiftPM embeds its bytes in the binary at build time
/// (`.embedInCode` in Package.swift), so serving it reads no file and the build cannot ship a
/// document other than the one it was built with. `OpenAPITests` checks that its paths and
/// operations are exactly the router's routes and that every `$ref` resolves.
public enum OpenAPIDocument {
    static let json: [UInt8] = PackageResources.openapi_json

    /// The release version: the document's `info.version`, the one place it is written.
    /// `newsstore --version`, the start log line and the metrics' build info read it here, so a
    /// release changes one line of `openapi.json` and the binary and its API description cannot
    /// disagree. ("unknown" only if the file lost the member; `OpenAPITests` rules that out.)
    public static let version: String = (try? JSONParser.parse(json))?["info"]?["version"]?.stringValue ?? "unknown"
}
