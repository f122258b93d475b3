import Foundation
import Testing

/// The release version is written once (the OpenAPI document's `info.version`); everything that
/// reports it must report that one.
@Suite struct VersionTests {
    /// What `newsstore --version` prints after the program's name.
    static func printedVersion() throws -> String {
        let result = try CommandResult.run(ServerProcess.binary.path, ["--version"])
        #expect(result.status == 0)
        let words = result.output.split(whereSeparator: \.isWhitespace)
        #expect(words.count == 2 && words.first == "newsstore", "--version printed \(result.output)")
        return String(words.last ?? "")
    }

    @Test func versionFlagLogAndServedDocumentAgree() throws {
        let version = try Self.printedVersion()
        #expect(version.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?/) != nil, "\(version) is not a semantic version")

        let server = try ServerProcess()
        let response = try server.connect().request("GET", "/api/v1/openapi.json")
        #expect(response.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect((document["info"] as? [String: Any])?["version"] as? String == version)
        #expect(server.logText.contains(version))
    }
}
