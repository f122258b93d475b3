import Foundation
import Testing

/// The reader as shipped in `web/`: what can be checked without a browser, so CI keeps it
/// within its budget and its Content-Security-Policy, and with no broken reference.
/// (`scripts/browser-test.sh` opens it in Chromium.)
@Suite struct WebReaderFolderTests {
    static let folder = URL(fileURLWithPath: repositoryPath("web"))

    /// Every file under `web/`, by its path from the folder (`views/article.js`).
    static func files() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
            let path = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    private static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    /// Every match of `pattern`'s first group in `text`.
    private static func captures(_ pattern: String, in text: String) throws -> [String] {
        let expression = try NSRegularExpression(pattern: pattern)
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// What a page loads before its first render: the shell, the files it links, and the modules
    /// its script imports statically, transitively. A dynamic `import()` loads later (an
    /// article's comments once the article is on screen; the moderation page at `/moderate`).
    static func firstRender(_ files: [String: Data]) throws -> Set<String> {
        var loaded = Set<String>()
        var queue = ["index.html"]
        while let path = queue.popLast() {
            guard loaded.insert(path).inserted, let data = files[path] else { continue }
            if path.hasSuffix(".html") {
                queue += try captures(#"(?:src|href)="/([^"?#]+\.(?:js|css))""#, in: text(data))
            } else if path.hasSuffix(".js") {
                let base = URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
                queue += try captures(#"\bfrom\s*["']([^"']+)["']"#, in: text(data)).map {
                    String(URL(fileURLWithPath: $0, relativeTo: base).standardizedFileURL.path.dropFirst())
                }
            }
        }
        return loaded
    }

    @Test func aPageLoadsUnder50KBOfHTMLCSSAndJavaScriptBeforeItsFirstRender() throws {
        let files = try Self.files()
        let first = try Self.firstRender(files)
        #expect(["index.html", "style.css", "app.js", "views/article.js"].allSatisfy(first.contains))
        #expect(!first.contains("views/comments.js") && !first.contains("moderate/page.js"), "loaded later, by import()")
        #expect(first.allSatisfy { files[$0] != nil })
        let bytes = first.reduce(0) { $0 + (files[$1]?.count ?? 0) }
        #expect(bytes > 0 && bytes < 50 * 1024, "a page's first render loads \(bytes) bytes")
        // Everything, the comments and the moderation page included.
        let all = files.filter { [".html", ".css", ".js"].contains(where: $0.key.hasSuffix) }.values.reduce(0) { $0 + $1.count }
        #expect(all < 72 * 1024, "web/ holds \(all) bytes of HTML, CSS and JavaScript")
    }

    @Test func pagesHaveNothingInlineTheContentSecurityPolicyWouldBlock() throws {
        for (path, data) in try Self.files() where path.hasSuffix(".html") {
            let html = Self.text(data)
            #expect(try Self.captures(#"<script\b([^>]*)>"#, in: html).allSatisfy { $0.contains("src=") }, "inline script in \(path)")
            #expect(!html.contains("<style"), "inline style element in \(path)")
            #expect(try Self.captures(#"\s(style|on[a-z]+)\s*="#, in: html).isEmpty, "inline style or handler attribute in \(path)")
            #expect(html.contains(#"lang="ar""#) && html.contains(#"dir="rtl""#), "\(path) is not marked Arabic, right to left")
        }
        for (path, data) in try Self.files() where path.hasSuffix(".js") {
            let script = Self.text(data)
            for forbidden in ["eval(", "new Function", "document.write", ".innerHTML =", ".outerHTML =", "insertAdjacentHTML"] {
                #expect(!script.contains(forbidden), "\(path) uses \(forbidden)")
            }
        }
    }

    @Test func everyReferenceAndImportNamesAShippedFile() throws {
        let files = try Self.files()
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            for reference in try Self.captures(#"(?:src|href)="(/[^"]*)""#, in: Self.text(data)) where !reference.hasPrefix("//") {
                let file = String(reference.dropFirst().prefix { $0 != "?" && $0 != "#" })
                guard !file.isEmpty, file.contains(".") else { continue }  // a page address, not a file
                #expect(files[file] != nil, "\(path) refers to /\(file), which web/ lacks")
                checked += 1
            }
        }
        for (path, data) in files where path.hasSuffix(".js") {
            let base = URL(fileURLWithPath: "/" + path).deletingLastPathComponent()
            let imports = try Self.captures(#"(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']"#, in: Self.text(data))
            for specifier in imports {
                #expect(specifier.hasPrefix("./") || specifier.hasPrefix("../") || specifier.hasPrefix("/"), "\(path) imports '\(specifier)'")
                let resolved = String(URL(fileURLWithPath: specifier, relativeTo: base).standardizedFileURL.path.dropFirst())
                #expect(files[resolved] != nil, "\(path) imports \(specifier), which web/ lacks")
                checked += 1
            }
        }
        #expect(checked > 3)
    }

    @Test func theServerServesThisFolderByDefault() throws {
        let files = try Self.files()
        let server = try ServerProcess()
        let page = try CommandResult.run("/usr/bin/curl", ["--silent", "--max-time", "20", server.url + "/articles/any-slug"])
        #expect(page.output == Self.text(try #require(files["index.html"])))
        for path in files.keys.sorted() {
            let result = try CommandResult.curl(["--output", "/dev/null", "--write-out", "%{http_code} %{size_download}", server.url + "/" + path])
            #expect(result.output == "200 \(files[path]!.count)", "/\(path)")
        }
    }
}
