import SQLite
import Synchronization

/// Who may write: holders of a token created with `token create` or `POST /api/v1/tokens`, or
/// of the bootstrap token from the environment. Tokens are compared by their SHA-256 hashes;
/// the plaintext is shown once at creation and never stored. Each token belongs to a person
/// (its name), carries a role and may expire.
public final class TokenService: Sendable {
    private let database: NewsDatabase
    private let bootstrapHash: [UInt8]?
    private let clock: @Sendable () -> Timestamp
    private let repository = TokenRepository()
    private let audit = AuditLog()
    /// When this process last wrote each token's `last_used_at`, by token id, so that busy
    /// clients cost one write a minute, not one per request (nor one per racing request).
    private let recordedUses = Mutex<[Int64: Timestamp]>([:])

    /// How stale `last_used_at` may get: a token's use is written at most once in this time.
    public static let lastUseResolution = Duration.seconds(60)
    /// Names that identify the server's own principals, never a person's token.
    public static let reservedNames: Set<String> = ["bootstrap", "system", "anonymous"]

    public init(database: NewsDatabase, bootstrapToken: String? = nil, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        bootstrapHash = bootstrapToken.flatMap { $0.isEmpty ? nil : SHA256.hash(Array($0.utf8)) }
        self.clock = clock
    }

    /// A token that was valid until `expiredAt`.
    public struct Expired: Error, Sendable, Equatable {
        public let expiredAt: Timestamp
    }

    /// Whom `token` (from `Authorization: Bearer`) belongs to; nil when it is unknown or
    /// revoked. Throws `Expired` for a token past its time. Records the use (see
    /// `lastUseResolution`).
    public func holder(of token: String) throws -> TokenHolder? {
        if let bootstrapHash, ConstantTime.equals(SHA256.hash(Array(token.utf8)), bootstrapHash) { return .bootstrap }
        guard APIToken.looksValid(token) else { return nil }
        let hash = APIToken.hash(token)
        guard let found = try database.read({ db in try repository.active(hash: hash, in: db) }) else { return nil }
        let now = clock()
        if let expiresAt = found.expiresAt, expiresAt <= now { throw Expired(expiredAt: expiresAt) }
        try recordUse(of: found, at: now)
        return found.holder
    }

    private func recordUse(of token: TokenRepository.ActiveToken, at now: Timestamp) throws {
        let since = now.adding(.zero - Self.lastUseResolution)
        if let stored = token.lastUsedAt, stored > since { return }
        let claimed = recordedUses.withLock { recorded in
            if let last = recorded[token.id], last > since { return false }
            recorded[token.id] = now
            return true
        }
        guard claimed else { return }
        try database.write { db in try repository.recordUse(id: token.id, at: now, unlessUsedSince: since, in: db) }
    }

    /// Creates a token for the person `name` with `role`, expiring after `lifetime` (nil:
    /// never), and returns it with its plaintext, which exists nowhere else. A person holds
    /// one token at a time: another with the same name must be revoked first.
    public func create(name: String, role: Role, lifetime: Duration? = nil, by principal: Principal) throws -> (info: TokenInfo, token: String) {
        var rules = FieldRules()
        let name = rules.text(name, at: "/name", max: Limits.tokenNameLength, required: true)
        if let name, Self.reservedNames.contains(name.lowercased()) {
            rules.add("/name", "'\(name)' is reserved for the server's own changes")
        }
        if let lifetime, lifetime <= .zero || lifetime > TimeSpan.longest {
            rules.add("/expires_in", "must be \(TimeSpan.syntax)")
        }
        guard let name, rules.errors.isEmpty else { throw NewsStoreError.invalid(rules.errors) }
        let (plaintext, hash) = APIToken.generate()
        let now = clock()
        let expiresAt = lifetime.map { now.adding($0) }
        return try database.write { db in
            if try repository.nameTaken(name, in: db) {
                throw NewsStoreError.conflict("'\(name)' already holds a token; revoke it first.")
            }
            let id = try repository.insert(name: name, hash: hash, role: role, expiresAt: expiresAt, now: now, in: db)
            let summary = "\(name) (\(role))" + (expiresAt.map { ", expires \($0.rfc3339)" } ?? "")
            try audit.record("token.create", object: "token:\(id)", summary: summary, by: principal, at: now, in: db)
            return (try repository.token(id: id, in: db)!, plaintext)
        }
    }

    /// Every token ever made, revoked ones included, oldest first.
    public func list() throws -> [TokenInfo] {
        try database.read { db in try repository.list(in: db) }
    }

    /// Revokes the token called `name` that is not revoked yet.
    public func revoke(name: String, by principal: Principal) throws {
        try revoke(by: principal) { db in try repository.activeToken(named: name, in: db) }
    }

    /// Revokes token `id`; revoking a revoked one is not found.
    public func revoke(id: Int64, by principal: Principal) throws {
        try revoke(by: principal) { db in try repository.token(id: id, in: db).flatMap { $0.revokedAt == nil ? $0 : nil } }
    }

    private func revoke(by principal: Principal, _ find: (Connection) throws -> TokenInfo?) throws {
        let now = clock()
        try database.write { db in
            guard let token = try find(db), try repository.revoke(id: token.id, now: now, in: db) else {
                throw NewsStoreError.notFound("token")
            }
            try audit.record("token.revoke", object: "token:\(token.id)", summary: "\(token.name) (\(token.role))", by: principal, at: now, in: db)
        }
    }
}
