import Testing

@testable import HTTP

@Suite struct StaticFileTests {
    @Test func mediaTypesComeFromTheExtensionAndTextNamesUTF8() {
        #expect(StaticFile.contentType(of: "/index.html") == "text/html; charset=utf-8")
        #expect(StaticFile.contentType(of: "/render/ARTICLE.JS") == "text/javascript; charset=utf-8")
        #expect(StaticFile.contentType(of: "/style.css") == "text/css; charset=utf-8")
        #expect(StaticFile.contentType(of: "/site.webmanifest") == "application/manifest+json; charset=utf-8")
        #expect(StaticFile.contentType(of: "/favicon.svg") == "image/svg+xml")
        #expect(StaticFile.contentType(of: "/fonts/naskh.woff2") == "font/woff2")
        #expect(StaticFile.contentType(of: "/v1.2/README") == "application/octet-stream")
        #expect(StaticFile.contentType(of: "/archive.tar.gz") == "application/octet-stream")
    }

    @Test func aListedTagWeakOrStrongIs304WithTheTagAndNoBody() {
        let file = StaticFile(path: "/app.js", body: Array("export {};".utf8))
        for condition in [file.entityTag, "W/" + file.entityTag, "\"a\" ,\t" + file.entityTag, "*"] {
            let request = Request(method: .get, target: "/app.js", headers: Headers([("if-none-match", condition)]))
            let response = file.response(to: request, headers: Headers([("Cache-Control", "no-cache")]))
            #expect(response.status == .notModified, "\(condition)")
            #expect(response.body.isEmpty)
            #expect(response.headers["ETag"] == file.entityTag)
            #expect(response.headers["Cache-Control"] == "no-cache")
        }
    }

    @Test func anyOtherConditionGetsTheFileAndItsType() {
        let file = StaticFile(path: "/app.js", body: Array("export {};".utf8))
        let changed = StaticFile(path: "/app.js", body: Array("export { };".utf8))
        #expect(changed.entityTag != file.entityTag)
        for headers in [Headers(), Headers([("if-none-match", changed.entityTag)])] {
            let response = file.response(to: Request(method: .get, target: "/app.js", headers: headers), headers: Headers())
            #expect(response.status == .ok)
            #expect(response.body == Array("export {};".utf8))
            #expect(response.headers["Content-Type"] == "text/javascript; charset=utf-8")
        }
    }
}
