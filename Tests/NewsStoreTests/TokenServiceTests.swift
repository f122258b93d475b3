import SQLite
import Testing

@testable import NewsStore

@Suite struct TokenServiceTests {
    @Test func createdTokenAuthorizesAndIsStoredOnlyAsItsHash() throws {
        try withStore { store throws in
            let (info, token) = try store.tokens.create(name: "محرر الموقع", by: .system)
            #expect(info.name == "محرر الموقع")
            #expect(info.createdAt == store.clock.now)
            #expect(info.revokedAt == nil)
            #expect(APIToken.looksValid(token))
            #expect(try store.tokens.holder(of: token) == TokenHolder(identity: "محرر الموقع", role: .admin))

            let cells = try store.allCells(of: "api_tokens")
            #expect(!cells.isEmpty)
            let body = String(token.dropFirst(3))
            #expect(!cells.contains { $0.contains(token) || $0.contains(body) }, "the plaintext token is stored")
            #expect(try store.strings("SELECT token_hash FROM api_tokens") == [APIToken.hash(token)])
            #expect(try store.tokens.list() == [info])
        }
    }

    @Test func revokedTokenStopsWorking() throws {
        try withStore { store throws in
            let (_, kept) = try store.tokens.create(name: "kept", by: .system)
            let (_, revoked) = try store.tokens.create(name: "revoked", by: .system)
            #expect(try store.tokens.holder(of: revoked) != nil)
            store.clock.advance(minutes: 3)
            try store.tokens.revoke(name: "revoked", by: .system)
            #expect(try store.tokens.holder(of: revoked) == nil)
            #expect(try store.tokens.holder(of: kept) != nil)
            let listed = try store.tokens.list()
            #expect(listed.map(\.name) == ["kept", "revoked"])
            #expect(listed.map(\.revokedAt) == [nil, store.clock.now])
            #expect(storeError { try store.tokens.revoke(name: "revoked", by: .system) }?.isNotFound == true)
            #expect(storeError { try store.tokens.revoke(name: "unknown", by: .system) }?.isNotFound == true)
        }
    }

    @Test func bootstrapTokenAuthorizesAndWrongTokensDoNot() throws {
        try withStore { store throws in
            let (_, token) = try store.tokens.create(name: "editor", by: .system)
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

    @Test func duplicateNameIsAConflict() throws {
        try withStore { store throws in
            _ = try store.tokens.create(name: "ci", by: .system)
            #expect(storeError { try store.tokens.create(name: "ci", by: .system) }?.isConflict == true)
            #expect(storeError { try store.tokens.create(name: " ci ", by: .system) }?.isConflict == true)
            #expect(storeError { try store.tokens.create(name: "   ", by: .system) }?.pointers == ["/name"])
            #expect(try store.tokens.list().map(\.name) == ["ci"])
        }
    }
}
