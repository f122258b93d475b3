import Foundation
import TestSupport
import Testing

/// Validates XML with `xmllint --schema` against the published schemas in `Tests/Schemas`.
/// Without xmllint (Debian's libxml2-utils, which `.ci/run` installs) the check fails: a
/// sitemap no one validated must not pass for a valid one.
enum SchemaValidation {
    enum Schema: String {
        case sitemapIndex = "siteindex.xsd"
        case sitemap = "sitemap.xsd"
        case newsSitemap = "sitemap-with-news.xsd"
    }

    static func expectValid(_ xml: [UInt8], against schema: Schema, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xsd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("document.xml")
        try Data(xml).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--schema", repositoryPath("Tests/Schemas/" + schema.rawValue), file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0,
            "xmllint --schema \(schema.rawValue) (exit \(process.terminationStatus); 127 means xmllint is missing: apt-get install libxml2-utils):\n\(report.prefix(2000))",
            sourceLocation: sourceLocation)
        #expect(report.contains("validates"), "\(report.prefix(500))", sourceLocation: sourceLocation)
    }
}
