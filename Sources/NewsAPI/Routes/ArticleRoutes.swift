import HTTP
import JSON
import NewsStore

/// `/api/v1/articles`: listings, one article, and the editors' writes.
struct ArticleRoutes: Sendable {
    let articles: ArticleService
    let limits: ClientLimits
    let representation: Representation

    static let collection = "/api/v1/articles"

    func register(on router: inout Router) {
        router.get(Self.collection, .public, rate: limits.read, query: .only(Self.listParameters), quick: representation.kept) { context in
            try list(context)
        }
        router.post(Self.collection, .role(.contributor), rate: limits.write) { context in try create(context) }
        router.get(Self.collection + "/{key}", .public, rate: limits.read, query: ["body"], quick: representation.kept) { context in
            try show(context)
        }
        router.patch(Self.collection + "/{key}", .role(.contributor), rate: limits.write) { context in try update(context) }
        router.delete(Self.collection + "/{key}", .role(.contributor), rate: limits.write) { context in try delete(context) }
        router.put(Self.collection + "/{key}/related", .role(.editor), rate: limits.write) { context in try setRelated(context) }
    }

    // MARK: Reading

    static let listParameters: Set<String> = ["category", "tag", "author", "source", "since", "until", "sort", "limit", "cursor", "status", "fields"]

    private func list(_ context: RequestContext) throws -> Response {
        let audience = context.audience
        let parameters = context.query
        var query = ArticleQuery()
        query.category = parameters["category"]
        query.tags = try QueryRules.tags(parameters)
        query.author = parameters["author"]
        query.source = parameters["source"]
        query.since = try parameters["since"].map { try QueryRules.time($0, "since") }
        query.until = try parameters["until"].map { try QueryRules.time($0, "until") }
        if let sort = parameters["sort"] {
            guard let order = ArticleQuery.Order(rawValue: sort) else {
                throw ProblemDetails.badRequest("sort must be -published_at or published_at.")
            }
            query.order = order
        }
        if let limit = parameters["limit"] { query.limit = try QueryRules.limit(limit, in: ArticleQuery.limitRange) }
        if let token = parameters["cursor"] {
            guard let cursor = Cursor(token: token) else {
                throw ProblemDetails.badRequest("cursor is not one this API gave out; start again without it.")
            }
            query.cursor = cursor
        }
        if let status = parameters["status"] {
            guard let value = ArticleStatus(rawValue: status) else {
                throw ProblemDetails.badRequest("status must be draft, published or archived.")
            }
            if value != .published && audience == .reader { throw Authentication.tokenRequired }
            query.status = value
        }
        var fields: Set<ArticleField>?
        if let list = parameters["fields"] {
            switch ArticleField.parse(list) {
            case .success(let parsed): fields = parsed
            case .failure(let unknown):
                let known = ArticleField.allCases.map(\.rawValue).joined(separator: ", ")
                throw ProblemDetails.badRequest(
                    unknown.name.isEmpty ? "fields names no field; known: \(known)." : "fields: unknown field '\(unknown.name)'; known: \(known).")
            }
        }
        return try representation.respond(to: context.request, audience: audience, cacheAsked: context.quickAnswerMissed) { keys in
            let page = try articles.list(query, for: audience)
            keys.insert(collectionOf: query, in: page.items)
            keys.insert(summaries: page.items)
            return ArticleJSON.page(page, fields: fields)
        }
    }

    private func show(_ context: RequestContext) throws -> Response {
        let audience = context.audience
        var format = BodyFormat.blocks
        if let requested = context.query["body"] {
            guard let parsed = BodyFormat(rawValue: requested) else {
                throw ProblemDetails.badRequest("body must be blocks, html or text.")
            }
            format = parsed
        }
        return try representation.respond(
            to: context.request, audience: audience, cacheAsked: context.quickAnswerMissed,
            keyedTagged: { keys in
                let key = context.parameters["key"]!
                if audience == .reader, let spliced = try articles.splicedDetail(key) {
                    keys.insert(CacheKey.article(spliced.id))
                    keys.insert(related: spliced.renderedRelated)
                    return ArticleJSON.detail(spliced, body: format)
                }
                switch try articles.article(key, for: audience) {
                case .moved(let id, let slug):
                    var response = Response(status: .movedPermanently)
                    let query = context.request.query.map { "?\($0)" } ?? ""
                    response.headers.set("Location", "\(Self.collection)/\(PercentEncoding.pathSegment(slug))\(query)")
                    // An editor may be redirected to a draft; that answer must not reach a shared cache.
                    if audience == .editor {
                        response.headers.set("Cache-Control", "private, no-store")
                    } else {
                        representation.markPublic(&response, keys: [CacheKey.article(id)])
                    }
                    response.headers.set("Vary", "Authorization")
                    throw FinishedResponse(response: response)
                case .found(let article):
                    keys.insert(CacheKey.article(article.id))
                    keys.insert(relatedOf: article)
                    return ArticleJSON.detail(article, body: format, for: audience)
                }
            })
    }

    // MARK: Writing

    private func create(_ context: RequestContext) throws -> Response {
        let input = ArticleInputDecoding.decode(try RequestBody.json(context.request))
        let article = try articles.create(input, by: context.principal)
        var response = Representation.written(ArticleJSON.detail(article, body: .blocks, for: .editor), status: .created)
        response.headers.set("Location", "\(Self.collection)/\(article.id)")
        return response
    }

    /// JSON Merge Patch onto the article's writable fields. Without `If-Match`, a concurrent
    /// write between our read and our write makes us merge again onto the newer version, so
    /// neither change is lost; with `If-Match`, it is the client's 412.
    private func update(_ context: RequestContext) throws -> Response {
        let patch = try RequestBody.json(context.request, accepting: RequestBody.MediaTypes.jsonOrMergePatch)
        let required = ["title", "slug", "status"].filter { patch.objectValue?[$0] == .null }
        guard required.isEmpty else {
            throw NewsStoreError.invalid(required.map { FieldError("/\($0)", "cannot be removed") })
        }
        let ifMatch = context.request.headers["if-match"]
        var attempts = 0
        while true {
            let current = try editable(context)
            try checkPrecondition(ifMatch, current)
            let merged = MergePatch.apply(patch, to: ArticleInputDecoding.writableJSON(of: current))
            let input = ArticleInputDecoding.decode(merged)
            do {
                return Representation.written(
                    ArticleJSON.detail(
                        try articles.update(id: current.id, input, expectedVersion: current.version, by: context.principal), body: .blocks,
                        for: .editor))
            } catch NewsStoreError.versionMismatch where ifMatch == nil && attempts < 3 {
                attempts += 1
            }
        }
    }

    private func delete(_ context: RequestContext) throws -> Response {
        let current = try editable(context)
        let ifMatch = context.request.headers["if-match"]
        try checkPrecondition(ifMatch, current)
        try articles.delete(id: current.id, expectedVersion: ifMatch == nil ? nil : current.version, by: context.principal)
        return Response(status: .noContent)
    }

    private func setRelated(_ context: RequestContext) throws -> Response {
        let json = try RequestBody.json(context.request)
        var reader = ObjectReader(json, at: "")
        var ids: [Int64] = []
        if case .array(let elements)? = reader.value("ids", required: true) {
            for (index, element) in elements.enumerated() {
                if let id = element.int64Value { ids.append(id) } else { reader.fail("ids/\(index)", "must be an article id") }
            }
        } else if reader.errors.isEmpty {
            reader.fail("ids", "must be an array of article ids")
        }
        reader.rejectUnreadMembers()
        guard reader.errors.isEmpty else { throw NewsStoreError.invalid(reader.errors) }
        let current = try editable(context)
        let ifMatch = context.request.headers["if-match"]
        try checkPrecondition(ifMatch, current)
        let related = try articles.setRelated(
            id: current.id, to: ids, expectedVersion: ifMatch == nil ? nil : current.version, by: context.principal)
        var response = Response.json(ArticleJSON.list(related))
        response.headers.set("Cache-Control", "private, no-store")
        return response
    }

    /// The article a write addresses, by id, current slug or old slug.
    func editable(_ context: RequestContext) throws -> Article {
        switch try articles.article(context.parameters["key"]!, for: .editor) {
        case .found(let article): return article
        case .moved(let id, _):
            guard case .found(let article) = try articles.article(String(id), for: .editor) else {
                throw NewsStoreError.notFound("article")
            }
            return article
        }
    }

    /// `If-Match` against the ETag of the editor's view of the article, which is what an
    /// editor's GET returned.
    func checkPrecondition(_ ifMatch: String?, _ article: Article) throws {
        guard let ifMatch else { return }
        if !EntityTag.matches(ifMatch, ArticleJSON.detail(article, body: .blocks, for: .editor).entityTag) {
            throw NewsStoreError.versionMismatch(current: article.version)
        }
    }
}
