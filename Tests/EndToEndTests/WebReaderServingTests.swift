import Foundation
import Testing

/// The reader's files as the real binary serves them: content types, the page shell at the
/// reader's addresses, ETag and 304, the Content-Security-Policy, and turning it off.
@Suite struct WebReaderServingTests {
    /// A reader folder of its own, so these tests do not depend on `web/`'s content.
    private func readerFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("render"), withIntermediateDirectories: true)
        try Data("<!doctype html><html lang=\"ar\" dir=\"rtl\"><title>أخبار</title></html>".utf8)
            .write(to: folder.appendingPathComponent("index.html"))
        try Data("export const page = 1;\n".utf8).write(to: folder.appendingPathComponent("render/page.js"))
        try Data("body{direction:rtl}".utf8).write(to: folder.appendingPathComponent("style.css"))
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8).write(to: folder.appendingPathComponent("favicon.svg"))
        try Data("secret".utf8).write(to: folder.appendingPathComponent(".env"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent("healthz"))
        return folder
    }

    private func header(_ name: String, in response: String) -> String? {
        for line in response.components(separatedBy: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() { return parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    @Test func filesAreServedWithTheirTypesAndThePageShellAtEveryReaderAddress() throws {
        let folder = try readerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerProcess(["--web-root", folder.path])
        let expectations = [
            ("/render/page.js", "text/javascript; charset=utf-8"),
            ("/style.css", "text/css; charset=utf-8"),
            ("/favicon.svg", "image/svg+xml"),
        ]
        for (path, type) in expectations {
            let result = try CommandResult.curl(["--include", server.url + path])
            #expect(result.output.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(path)")
            #expect(header("Content-Type", in: result.output) == type, "\(path)")
            #expect(header("Cache-Control", in: result.output) == "no-cache", "\(path)")
            #expect(header("Content-Security-Policy", in: result.output) == nil, "only pages carry the policy: \(path)")
        }
        let shell = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><title>أخبار</title></html>"
        // Articles, categories and tags the database lacks are 404, with the shell all the same.
        let pages = [
            ("/", 200), ("/index.html", 200), ("/search?q=x", 200), ("/moderate", 200), ("/articles/%D8%AF%D9%85%D8%B4%D9%82", 404),
            ("/articles/42", 404),
            ("/categories/politics", 404), ("/tags/x", 404),
        ]
        for (page, status) in pages {
            let result = try CommandResult.curl(["--include", server.url + page])
            #expect(result.output.hasPrefix(status == 200 ? "HTTP/1.1 200 OK\r\n" : "HTTP/1.1 404 Not Found\r\n"), "\(page)")
            #expect(header("Content-Type", in: result.output) == "text/html; charset=utf-8", "\(page)")
            #expect(result.output.hasSuffix("\r\n\r\n" + shell), "\(page)")
            let policy = try #require(header("Content-Security-Policy", in: result.output), "\(page)")
            #expect(policy.contains("default-src 'none'"))
            #expect(policy.contains("script-src 'self';"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(policy.contains("frame-ancestors 'none'"))
        }
    }

    @Test func hiddenFilesUnknownPathsAndTheAPIsOwnAddressesAreNotFilesFromTheFolder() throws {
        let folder = try readerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerProcess(["--web-root", folder.path])
        for path in ["/.env", "/nothing.js", "/render/../.env", "/render/", "/articles", "/articles/x/y"] {
            let result = try CommandResult.curl(["--include", "--path-as-is", server.url + path])
            #expect(result.output.hasPrefix("HTTP/1.1 404 Not Found\r\n") || result.output.hasPrefix("HTTP/1.1 400 "), "\(path)")
            #expect(!result.output.contains("secret"), "\(path)")
        }
        // A file named like an API route does not replace it.
        let health = try CommandResult.curl([server.url + "/healthz"])
        #expect(health.output == #"{"status":"ok"}"#)
    }

    @Test func aBrowserAtAnUnknownAddressGetsTheReaderWithA404AndAnAPIClientAProblem() throws {
        let folder = try readerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerProcess(["--web-root", folder.path])
        let browserAccept = "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        let page = try CommandResult.curl(["--include", "--header", browserAccept, server.url + "/old/section/page"])
        #expect(page.output.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(header("Content-Type", in: page.output) == "text/html; charset=utf-8")
        #expect(header("Content-Security-Policy", in: page.output) != nil)
        #expect(page.output.hasSuffix("<title>أخبار</title></html>"))
        for (path, accept) in [
            ("/old/section/page", "Accept: application/json"), ("/api/v1/nothing", browserAccept), ("/api/v1/nothing", "Accept: */*"),
        ] {
            let result = try CommandResult.curl(["--include", "--header", accept, server.url + path])
            #expect(result.output.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(path) \(accept)")
            #expect(header("Content-Type", in: result.output) == "application/problem+json; charset=utf-8", "\(path) \(accept)")
        }
        let post = try CommandResult.curl(["--include", "--header", browserAccept, "--data", "x=1", server.url + "/old/section/page"])
        #expect(header("Content-Type", in: post.output) == "application/problem+json; charset=utf-8")
    }

    @Test func entityTagsAnswerRevalidationWith304AndHeadHasNoBody() throws {
        let folder = try readerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerProcess(["--web-root", folder.path])
        let first = try CommandResult.curl(["--include", server.url + "/style.css"])
        let tag = try #require(header("ETag", in: first.output))
        #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""))
        let revalidated = try CommandResult.curl(["--include", "--header", "If-None-Match: \"other\", \(tag)", server.url + "/style.css"])
        #expect(revalidated.output.hasPrefix("HTTP/1.1 304 Not Modified\r\n"))
        #expect(header("ETag", in: revalidated.output) == tag)
        #expect(revalidated.output.hasSuffix("\r\n\r\n"))
        let changed = try CommandResult.curl(["--include", "--header", "If-None-Match: \"other\"", server.url + "/style.css"])
        #expect(changed.output.hasPrefix("HTTP/1.1 200 OK\r\n"))
        let head = try CommandResult.curl(["--head", server.url + "/search"])
        #expect(head.output.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(
            header("Content-Length", in: head.output) == "\("<!doctype html><html lang=\"ar\" dir=\"rtl\"><title>أخبار</title></html>".utf8.count)")
        #expect(head.output.hasSuffix("\r\n\r\n"))
    }

    @Test func webOffServesTheAPIOnly() throws {
        let folder = try readerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServerProcess(["--web-root", folder.path, "--web", "off"])
        let result = try CommandResult.curl(["--include", server.url + "/"])
        #expect(result.output.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(header("Content-Type", in: result.output) == "application/problem+json; charset=utf-8")
        let browser = try CommandResult.curl(["--include", "--header", "Accept: text/html", server.url + "/articles/x"])
        #expect(browser.output.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(header("Content-Type", in: browser.output) == "application/problem+json; charset=utf-8")
        let api = try CommandResult.curl(["--include", server.url + "/api/v1/articles"])
        #expect(api.output.hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    @Test func aWebRootWithoutIndexStopsTheStartWithAMessage() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("newsstore-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandResult.run(
            ServerProcess.binary.path, ["serve", "--port", "0", "--db", folder.appendingPathComponent("db.sqlite").path, "--web-root", folder.path])
        #expect(result.status == 2)
        #expect(result.errors.contains("has no index.html"))
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("db.sqlite").path), "no database is made for a start that fails")
    }
}
