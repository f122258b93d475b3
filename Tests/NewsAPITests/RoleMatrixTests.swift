import Foundation
import HTTP
import JSON
import NewsStore
import TestSupport
import Testing

@testable import NewsAPI

/// Issue 16's evidence: every caller (anonymous, an expired token, a revoked one, and a token
/// of each role) against every write route the router has, generated from the router's own
/// list, so a route added later is in the matrix without anyone remembering it. Article
/// writes are tried on the caller's own article and on someone else's, as a draft and not.
@Suite struct RoleMatrixTests {
    enum Caller: CustomStringConvertible, CaseIterable {
        case anonymous, expired, revoked
        case holder(Role)

        static let allCases: [Caller] = [.anonymous, .expired, .revoked] + Role.allCases.map { .holder($0) }

        var description: String {
            switch self {
            case .anonymous: "anonymous"
            case .expired: "expired"
            case .revoked: "revoked"
            case .holder(let role): "\(role)"
            }
        }

        /// The person whose token it is: articles they create are theirs.
        var identity: String { "\(self)-person" }
    }

    /// Who the article a write addresses belongs to, and what it is.
    enum Target: CustomStringConvertible {
        case ownDraft, othersDraft, ownPublished

        var description: String {
            switch self {
            case .ownDraft: "own draft"
            case .othersDraft: "someone else's draft"
            case .ownPublished: "own published article"
            }
        }
    }

    /// One cell: what is sent, and by whom.
    struct Cell: CustomStringConvertible {
        let caller: Caller
        let method: HTTP.Method
        let pattern: String
        let target: Target?
        let body: String?

        var description: String { "\(caller) \(method) \(pattern)" + (target.map { " on \($0)" } ?? "") + (body.map { " \($0)" } ?? "") }
    }

    /// What the issue says a caller may do, independently of the code: nil when the route's
    /// role (from `RoutePolicyTests.table`) or the ownership rules refuse, else true.
    static func allowed(_ cell: Cell, routeRole: String) -> Bool {
        let role: Role
        switch cell.caller {
        case .anonymous: return routeRole == "public"
        case .expired, .revoked: return false
        case .holder(let held): role = held
        }
        if routeRole != "public", role < Role(rawValue: routeRole)! { return false }
        if role >= .editor { return true }
        let publishes = cell.body?.contains("\"published\"") == true
        switch (cell.method, cell.target) {
        case (.post, nil) where cell.pattern == ArticleRoutes.collection:
            return !publishes || role >= .author  // contributors cannot publish
        case (.patch, let target?):
            guard target != .othersDraft else { return false }  // nobody below editor touches others' articles
            return role >= .author || (target == .ownDraft && !publishes)  // contributors: own drafts, kept drafts
        case (.delete, let target?):
            return role >= .author && target != .othersDraft  // authors delete their own
        default:
            // Any other write on one article that a contributor's token may reach (a revision's
            // restore, preview links) is its owner's or an editor's, and these cells address
            // someone else's article.
            return !(routeRole == "contributor" && cell.pattern.hasPrefix(ArticleRoutes.collection + "/{key}"))
        }
    }

    @Test func everyCallerAgainstEveryWriteRoute() throws {
        let backups = FileManager.default.temporaryDirectory.appendingPathComponent("role-matrix-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: backups) }
        var configuration = APIConfiguration()
        configuration.backups = BackupFolder(path: backups)
        let api = try TestAPI(configuration: configuration)
        defer { api.close() }
        let tokens = try Self.tokens(in: api.database)
        let articles = ArticleService(database: api.database, events: API.articleEvents(configuration))
        let roles = Dictionary(uniqueKeysWithValues: RoutePolicyTests.table.map { ("\($0.0) \($0.1)", $0.2) })

        var cells: [Cell] = []
        for route in api.router.routes where route.method != .get {
            for caller in Caller.allCases {
                switch (route.method, route.pattern) {
                case (.post, ArticleRoutes.collection):
                    for status in ["draft", "published"] {
                        cells.append(Cell(caller: caller, method: .post, pattern: route.pattern, target: nil, body: Self.article(status)))
                    }
                case (.patch, ArticleRoutes.collection + "/{key}"):
                    for target in [Target.ownDraft, .othersDraft, .ownPublished] {
                        for body in [#"{"title": "عنوان معدل"}"#, #"{"status": "published"}"#] {
                            cells.append(Cell(caller: caller, method: .patch, pattern: route.pattern, target: target, body: body))
                        }
                    }
                case (.delete, ArticleRoutes.collection + "/{key}"):
                    for target in [Target.ownDraft, .othersDraft] {
                        cells.append(Cell(caller: caller, method: .delete, pattern: route.pattern, target: target, body: nil))
                    }
                default:
                    cells.append(Cell(caller: caller, method: route.method, pattern: route.pattern, target: nil, body: "{}"))
                }
            }
        }

        var refusals: [String: Int] = [:]
        for cell in cells {
            let routeRole = try #require(roles["\(cell.method) \(cell.pattern)"], "\(cell.pattern) is not in RoutePolicyTests.table")
            // Ids that name nothing, so an allowed write changes nothing the next cells rely on;
            // other parameters (a delivery, a revision's number) are the first of their kind.
            var path = cell.pattern.replacingOccurrences(of: "{id}", with: "999999")
            if path.contains("{key}") {
                let owner = cell.target == .othersDraft || cell.target == nil ? "someone-else" : cell.caller.identity
                let status: ArticleStatus = cell.target == .ownPublished ? .published : .draft
                var input = ArticleInput()
                input.title = "خبر للمصفوفة"
                input.status = status
                input.body = [.paragraph("نص.")]
                let article = try articles.create(input, by: Principal(identity: owner, role: .admin))
                path = path.replacingOccurrences(of: "{key}", with: String(article.id))
            }
            path = path.replacing(/\{[a-z_]+\}/, with: "1")
            var headers: [(String, String)] = cell.body == nil ? [] : [("content-type", "application/json")]
            if let token = tokens[cell.caller.description] { headers.append(("authorization", "Bearer \(token)")) }
            let response = api.respond(cell.method, path, headers: headers, body: cell.body)
            let expected = Self.allowed(cell, routeRole: routeRole)
            let label = "\(cell): \(response.status.code) \(String(decoding: response.body, as: UTF8.self).prefix(200))"
            switch cell.caller {
            case .expired, .revoked:
                response.expectProblem(.unauthorized)
                let detail = response.json["detail"]?.stringValue ?? ""
                #expect(detail.contains(cell.caller.description == "expired" ? "expired" : "unknown or revoked"), "\(label)")
            case .anonymous where !expected:
                #expect(response.status == .unauthorized, "\(label)")
            case .holder(let role) where !expected:
                #expect(response.status == .forbidden, "\(label)")
                let required = response.json["required_role"]?.stringValue.flatMap(Role.init(rawValue:))
                #expect(required.map { $0 > role } == true, "\(label): required_role must name a role above \(role)")
                if routeRole != "public", role < Role(rawValue: routeRole)! { #expect(required?.rawValue == routeRole, "\(label)") }
            default:
                #expect(response.status != .unauthorized && response.status != .forbidden, "\(label)")
                #expect(response.status != .internalServerError, "\(label)")
                if cell.target != nil || (cell.method == .post && cell.pattern == ArticleRoutes.collection) {
                    #expect(response.status.code / 100 == 2, "\(label): an allowed article write succeeds")
                }
            }
            if !expected { refusals["\(cell.caller)", default: 0] += 1 }
        }
        // The closing note's figures: the matrix's size and how many cells are refusals.
        print(
            "role matrix: \(cells.count) cells over \(Set(cells.map { "\($0.method) \($0.pattern)" }).count) write routes, refusals by caller: \(refusals.sorted { $0.key < $1.key })"
        )
        #expect(cells.count >= Caller.allCases.count * 30)
    }

    static func article(_ status: String) -> String {
        #"{"title": "خبر جديد", "status": "\#(status)", "body": [{"type": "paragraph", "text": "نص الخبر."}]}"#
    }

    /// A token per caller: one of each role, one expired an hour ago and one revoked.
    static func tokens(in database: NewsDatabase) throws -> [String: String] {
        let admin = Principal(identity: "root", role: .admin)
        let service = TokenService(database: database)
        var tokens: [String: String] = [:]
        for role in Role.allCases {
            tokens["\(role)"] = try service.create(name: Caller.holder(role).identity, role: role, by: admin).token
        }
        let past = Timestamp.now().adding(.seconds(-7200))
        tokens["expired"] = try TokenService(database: database, clock: { past }).create(
            name: Caller.expired.identity, role: .admin, lifetime: .seconds(3600), by: admin
        ).token
        let revoked = try service.create(name: Caller.revoked.identity, role: .admin, by: admin)
        try service.revoke(id: revoked.info.id, by: admin)
        tokens["revoked"] = revoked.token
        return tokens
    }
}
