/// Who may write: holders of a token created with `token create`, or of the bootstrap token
/// from the environment. Tokens are compared by their SHA-256 hashes; the plaintext is shown
/// once at creation and never stored.
public final class TokenService: Sendable {
    private let database: NewsDatabase
    private let bootstrapHash: [UInt8]?
    private let clock: @Sendable () -> Timestamp
    private let repository = TokenRepository()
    private let audit = AuditLog()

    public init(database: NewsDatabase, bootstrapToken: String? = nil, clock: @escaping @Sendable () -> Timestamp = Timestamp.now) {
        self.database = database
        bootstrapHash = bootstrapToken.flatMap { $0.isEmpty ? nil : SHA256.hash(Array($0.utf8)) }
        self.clock = clock
    }

    /// Whom `token` (from `Authorization: Bearer`) belongs to; nil when it is unknown or revoked.
    public func holder(of token: String) throws -> TokenHolder? {
        if let bootstrapHash, ConstantTime.equals(SHA256.hash(Array(token.utf8)), bootstrapHash) { return .bootstrap }
        guard APIToken.looksValid(token) else { return nil }
        let hash = APIToken.hash(token)
        return try database.read { db in try repository.activeHolder(hash: hash, in: db) }
    }

    /// Creates a token and returns it with its plaintext, which exists nowhere else.
    public func create(name: String, by principal: Principal) throws -> (info: TokenInfo, token: String) {
        var rules = FieldRules()
        guard let name = rules.text(name, at: "/name", max: Limits.tokenNameLength, required: true), rules.errors.isEmpty else {
            throw NewsStoreError.invalid(rules.errors)
        }
        let (plaintext, hash) = APIToken.generate()
        let now = clock()
        return try database.write { db in
            if try repository.nameTaken(name, in: db) {
                throw NewsStoreError.conflict("A token named '\(name)' already exists.")
            }
            let id = try repository.insert(name: name, hash: hash, now: now, in: db)
            try audit.record("token.create", object: "token:\(id)", summary: name, by: principal, at: now, in: db)
            return (TokenInfo(id: id, name: name, createdAt: now, revokedAt: nil), plaintext)
        }
    }

    public func list() throws -> [TokenInfo] {
        try database.read { db in try repository.list(in: db) }
    }

    public func revoke(name: String, by principal: Principal) throws {
        let now = clock()
        try database.write { db in
            guard let id = try repository.revoke(name: name, now: now, in: db) else { throw NewsStoreError.notFound("token") }
            try audit.record("token.revoke", object: "token:\(id)", summary: name, by: principal, at: now, in: db)
        }
    }
}
