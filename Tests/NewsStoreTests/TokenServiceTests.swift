import SQLite
import Testing

@testable import NewsStore

@Suite struct TokenServiceTests {
    static let admin = Principal(identity: "root", role: .admin, clientAddress: "203.0.113.9", requestID: "req-1")

    @Test func createdTokenAuthorizesAndIsStoredOnlyAsItsHash() throws {
        try withStore { store throws in
            let (info, token) = try store.tokens.create(name: "محرر الموقع", role: .editor, by: Self.admin)
            #expect(info.name == "محرر الموقع")
            #expect(info.role == .editor)
            #expect(info.createdAt == store.clock.now)
            #expect(info.expiresAt == nil)
            #expect(info.lastUsedAt == nil)
            #expect(info.revokedAt == nil)
            #expect(APIToken.looksValid(token))
            #expect(try store.tokens.holder(of: token) == TokenHolder(identity: "محرر الموقع", role: .editor))

            let cells = try store.allCells(of: "api_tokens")
            #expect(!cells.isEmpty)
            let body = String(token.dropFirst(3))
            #expect(!cells.contains { $0.contains(token) || $0.contains(body) }, "the plaintext token is stored")
            #expect(try store.strings("SELECT token_hash FROM api_tokens") == [APIToken.hash(token)])
            #expect(try store.tokens.list().map(\.name) == ["محرر الموقع"])
        }
    }

    @Test func everyRoleIsStoredAndReturned() throws {
        try withStore { store throws in
            for role in Role.allCases {
                let (_, token) = try store.tokens.create(name: "person-\(role)", role: role, by: Self.admin)
                #expect(try store.tokens.holder(of: token)?.role == role)
            }
            #expect(try store.tokens.list().map(\.role) == Role.allCases)
        }
    }

    @Test func revokedTokenStopsWorkingAndItsPersonMayGetANewOne() throws {
        try withStore { store throws in
            let (_, kept) = try store.tokens.create(name: "kept", role: .author, by: Self.admin)
            let (_, revoked) = try store.tokens.create(name: "revoked", role: .author, by: Self.admin)
            #expect(try store.tokens.holder(of: revoked) != nil)
            store.clock.advance(minutes: 3)
            try store.tokens.revoke(name: "revoked", by: Self.admin)
            #expect(try store.tokens.holder(of: revoked) == nil)
            #expect(try store.tokens.holder(of: kept) != nil)
            let listed = try store.tokens.list()
            #expect(listed.map(\.name) == ["kept", "revoked"])
            #expect(listed.map(\.revokedAt) == [nil, store.clock.now])
            #expect(storeError { try store.tokens.revoke(name: "revoked", by: Self.admin) }?.isNotFound == true)
            #expect(storeError { try store.tokens.revoke(name: "unknown", by: Self.admin) }?.isNotFound == true)
            // The same person, a new token: articles keep belonging to the name.
            let (renewed, token) = try store.tokens.create(name: "revoked", role: .author, by: Self.admin)
            #expect(try store.tokens.holder(of: token)?.identity == "revoked")
            try store.tokens.revoke(id: renewed.id, by: Self.admin)
            #expect(try store.tokens.holder(of: token) == nil)
            #expect(storeError { try store.tokens.revoke(id: renewed.id, by: Self.admin) }?.isNotFound == true)
        }
    }

    @Test func anExpiredTokenIsRefusedAsExpired() throws {
        try withStore { store throws in
            let (info, token) = try store.tokens.create(name: "temp", role: .contributor, lifetime: .seconds(2 * 3600), by: Self.admin)
            #expect(info.expiresAt == store.clock.now.adding(.seconds(7200)))
            store.clock.advance(milliseconds: 2 * 3_600_000 - 1)
            #expect(try store.tokens.holder(of: token)?.identity == "temp")
            store.clock.advance(milliseconds: 1)
            #expect(throws: TokenService.Expired(expiredAt: info.expiresAt!)) { try store.tokens.holder(of: token) }
            // Still the person's token until revoked: a new one needs the old one gone.
            #expect(storeError { try store.tokens.create(name: "temp", role: .contributor, by: Self.admin) }?.isConflict == true)
        }
    }

    @Test func lastUseIsWrittenAtMostOnceAMinute() throws {
        try withStore { store throws in
            let (info, token) = try store.tokens.create(name: "busy", role: .author, by: Self.admin)
            let start = store.clock.now
            _ = try store.tokens.holder(of: token)
            #expect(try store.tokens.list().first?.lastUsedAt == start)
            let writes = try store.int("SELECT count(*) FROM api_tokens WHERE last_used_at IS NOT NULL")
            #expect(writes == 1)
            for _ in 0..<50 {
                store.clock.advance(milliseconds: 1000)
                _ = try store.tokens.holder(of: token)
            }
            // 50 seconds of requests later, the recorded use is still the first.
            #expect(try store.tokens.list().first { $0.id == info.id }?.lastUsedAt == start)
            store.clock.advance(milliseconds: 10_000)
            _ = try store.tokens.holder(of: token)
            #expect(try store.tokens.list().first?.lastUsedAt == store.clock.now)
        }
    }

    @Test func tokenWritesAreAudited() throws {
        try withStore { store throws in
            let (info, _) = try store.tokens.create(name: "writer", role: .author, lifetime: .seconds(86_400), by: Self.admin)
            try store.tokens.revoke(id: info.id, by: Self.admin)
            let rows = try store.strings(
                "SELECT identity || '|' || role || '|' || client_address || '|' || request_id || '|' || action || '|' || object FROM audit_log ORDER BY id"
            )
            #expect(
                rows == [
                    "root|admin|203.0.113.9|req-1|token.create|token:\(info.id)", "root|admin|203.0.113.9|req-1|token.revoke|token:\(info.id)",
                ])
        }
    }

    @Test func bootstrapTokenAuthorizesAndWrongTokensDoNot() throws {
        try withStore { store throws in
            let (_, token) = try store.tokens.create(name: "editor", role: .editor, by: Self.admin)
            #expect(try store.tokens.holder(of: StoreFixture.bootstrapToken) == .bootstrap)
            let stranger = APIToken.generate().plaintext
            var tampered = Array(token.utf8)
            tampered[tampered.count - 2] = tampered[tampered.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
            for wrong in [
                "", " ", StoreFixture.bootstrapToken + " ", String(StoreFixture.bootstrapToken.dropLast()), stranger,
                String(decoding: tampered, as: UTF8.self), token + "x", String(token.dropFirst(3)), "ns_", "Bearer " + token,
                APIToken.hash(token), "ns_" + String(repeating: "\u{0627}", count: 43), String(repeating: "x", count: 10_000),
            ] {
                #expect(try store.tokens.holder(of: wrong) == nil, "\(wrong.prefix(60)) was accepted")
            }
            // Without a bootstrap token (nil or empty), nothing but stored tokens works.
            for bootstrap in [nil, ""] as [String?] {
                let service = TokenService(database: store.database, bootstrapToken: bootstrap, clock: store.clock.clock)
                #expect(try service.holder(of: StoreFixture.bootstrapToken) == nil)
                #expect(try service.holder(of: "") == nil)
                #expect(try service.holder(of: token) != nil)
            }
        }
    }

    @Test func duplicateReservedAndBadInputAreRefused() throws {
        try withStore { store throws in
            _ = try store.tokens.create(name: "ci", role: .admin, by: Self.admin)
            #expect(storeError { try store.tokens.create(name: "ci", role: .admin, by: Self.admin) }?.isConflict == true)
            #expect(storeError { try store.tokens.create(name: " ci ", role: .author, by: Self.admin) }?.isConflict == true)
            #expect(storeError { try store.tokens.create(name: "   ", role: .author, by: Self.admin) }?.pointers == ["/name"])
            for reserved in ["bootstrap", "system", "Anonymous"] {
                #expect(storeError { try store.tokens.create(name: reserved, role: .author, by: Self.admin) }?.pointers == ["/name"])
            }
            #expect(
                storeError { try store.tokens.create(name: "x", role: .author, lifetime: .seconds(3651 * 86_400), by: Self.admin) }?.pointers
                    == ["/expires_in"])
            #expect(try store.tokens.list().map(\.name) == ["ci"])
        }
    }

    @Test func timeSpansParseOnlyTheDocumentedShapes() {
        #expect(TimeSpan.parse("30m") == .seconds(1800))
        #expect(TimeSpan.parse("24h") == .seconds(86_400))
        #expect(TimeSpan.parse("90d") == .seconds(90 * 86_400))
        #expect(TimeSpan.parse("2w") == .seconds(14 * 86_400))
        #expect(TimeSpan.parse("3650d") == TimeSpan.longest)
        for bad in ["", "d", "0d", "-1d", "1.5d", " 1d", "1d ", "1D", "1y", "3651d", "99999999d", "١d", "+1d", "1"] {
            #expect(TimeSpan.parse(bad) == nil, "\(bad)")
        }
    }
}
