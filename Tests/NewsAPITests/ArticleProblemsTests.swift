import HTTP
import JSON
import Testing

@testable import NewsAPI

/// A client's mistakes on the article routes: each is a problem document with its status,
/// query parameters included. (Too large a body is the transport's answer: HTTPServerTests.)
@Suite struct ArticleProblemsTests {
    @Test func errorsAreProblemDocumentsWithTheRightStatus() throws {
        let api = try TestAPI()
        defer { api.close() }
        let json = ("content-type", "application/json")
        let noToken = api.respond(.post, "/api/v1/articles", headers: [json], body: #"{"title":"x"}"#)
        noToken.expectProblem(.unauthorized)
        #expect(noToken.headers["WWW-Authenticate"] == #"Bearer realm="newsstore""#)
        let badToken = api.respond(.post, "/api/v1/articles", headers: [json, ("authorization", "Bearer nope")], body: #"{"title":"x"}"#)
        badToken.expectProblem(.unauthorized)
        #expect(badToken.headers["WWW-Authenticate"]?.contains(#"error="invalid_token""#) == true)
        api.respond(.get, "/api/v1/articles?status=draft").expectProblem(.unauthorized)
        api.edit(.post, "/api/v1/articles", "{").expectProblem(.badRequest)
        let invalidUTF8 = Request(
            method: .post, target: "/api/v1/articles", headers: Headers([TestAPI.editor, json]), body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])
        api.router.respond(to: invalidUTF8, requestID: "t").expectProblem(.badRequest)
        api.respond(.post, "/api/v1/articles", headers: [TestAPI.editor, ("content-type", "text/plain")], body: "title=x")
            .expectProblem(.unsupportedMediaType)
        let invalid = api.edit(
            .post, "/api/v1/articles", #"{"title":"","body":[{"type":"image","url":"javascript:alert(1)"}],"colour":"red"}"#)
        invalid.expectProblem(.unprocessableContent)
        let pointers = invalid.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []
        #expect(Set(pointers) == ["/title", "/body/0/url", "/colour"])
        api.respond(.get, "/api/v1/articles/999").expectProblem(.notFound)
        for query in ["limit=0", "cursor=garbage", "fields=id,colour", "since=yesterday"] {
            api.respond(.get, "/api/v1/articles?" + query).expectProblem(.badRequest)
        }
        api.respond(.get, "/api/v1/articles/1?body=pdf").expectProblem(.badRequest)
        api.respond(.put, "/api/v1/articles", headers: [json], body: "{}").expectProblem(.methodNotAllowed)
        #expect(api.edit(.post, "/api/v1/categories", #"{"name":"سياسة"}"#).status == .created)
        api.edit(.post, "/api/v1/categories", #"{"name":"سياسة"}"#).expectProblem(.conflict)
        #expect(api.edit(.post, "/api/v1/articles", #"{"title":"أ","slug":"a-slug"}"#).status == .created)
        api.edit(.post, "/api/v1/articles", #"{"title":"ب","slug":"a-slug"}"#).expectProblem(.conflict)
        api.edit(.patch, "/api/v1/articles/1", #"{"title":"ج"}"#, headers: [("if-match", "\"0000000000000000\"")])
            .expectProblem(.preconditionFailed)
        // A draft is invisible to the public but not to an editor.
        api.respond(.get, "/api/v1/articles/a-slug").expectProblem(.notFound)
        #expect(api.edit(.get, "/api/v1/articles/a-slug").status == .ok)
    }
}
