// swift-tools-version:6.0
// NewsStore: a self-hosted JSON API for a newsroom's articles.
// The only external dependency is the system SQLite (Debian libsqlite3-dev).
import PackageDescription

let package = Package(
    name: "NewsStore",
    products: [
        .executable(name: "newsstore", targets: ["NewsStoreCommand"])
    ],
    targets: [
        // The system libsqlite3, reached through pkg-config.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Linux's epoll and eventfd, for the HTTP server's event loops (glibc's headers; nothing
        // to install).
        .systemLibrary(name: "CLinux"),
        // Our thin SQLite wrapper: connections, cached statements, transactions, pool, migrator.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // Strict JSON reading and fast JSON writing, shared by every layer that speaks JSON.
        .target(name: "JSON"),
        // HTTP/1.1 transport: sockets, parser, router, responses. Knows nothing of news.
        .target(name: "HTTP", dependencies: ["JSON", "CLinux"]),
        // The domain: articles, categories, tags, ArticleService and its SQLite repository.
        .target(name: "NewsStore", dependencies: ["SQLite", "JSON"]),
        // HTTP <-> application: routes, JSON, problem details, auth, caching, CORS. The OpenAPI
        // document is a data file compiled into the module as bytes (`PackageResources`), so the
        // server needs neither Foundation's Bundle nor a file beside the binary to serve it.
        .target(name: "NewsAPI", dependencies: ["HTTP", "NewsStore", "JSON"], resources: [.embedInCode("OpenAPI/openapi.json")]),
        // The one loop that sends what the outbox holds (webhooks), with retries and backoff,
        // through the transport's outbound client.
        .target(name: "Delivery", dependencies: ["HTTP", "JSON", "NewsStore"]),
        // The executable (the `newsstore` product): command-line parsing and wiring only. Its
        // folder is not `Sources/newsstore`, which a case-insensitive file system would merge
        // with `Sources/NewsStore`.
        .executableTarget(name: "NewsStoreCommand", dependencies: ["HTTP", "NewsAPI", "NewsStore", "JSON", "Delivery"]),

        // libFuzzer harnesses (scripts/fuzz.sh): the HTTP request parser, and an editor's
        // article JSON through the real router on a temporary database. Built normally they
        // replay saved inputs (FuzzSupport's driver).
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzHTTPParser", dependencies: ["HTTP", "FuzzSupport"]),
        .executableTarget(name: "FuzzArticleWrite", dependencies: ["HTTP", "NewsAPI", "NewsStore", "FuzzSupport"]),

        // Helpers shared by the test targets (seeded randomness, error expectations, the
        // checkout's folder).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The real binary for end-to-end tests: started, stopped, its output read; and the
        // clients that talk to it (raw sockets, curl).
        .target(name: "ServerTestSupport", dependencies: ["TestSupport"], path: "Tests/ServerTestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "NewsStoreTests", dependencies: ["NewsStore", "SQLite", "JSON", "TestSupport"]),
        .testTarget(name: "DeliveryTests", dependencies: ["Delivery", "HTTP", "JSON", "NewsStore", "TestSupport"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite", "TestSupport"]),
        .testTarget(name: "NewsAPITests", dependencies: ["NewsAPI", "HTTP", "NewsStore", "JSON", "TestSupport"]),
        // Starts the real binary on a loopback port and talks to it over real sockets and curl.
        .testTarget(name: "EndToEndTests", dependencies: ["NewsStoreCommand", "ServerTestSupport", "TestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
