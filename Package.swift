// swift-tools-version:6.0
// NewsStore: a self-hosted JSON API for a newsroom's articles.
// The only external dependency is the system SQLite (Debian libsqlite3-dev).
import PackageDescription

let package = Package(
    name: "NewsStore",
    products: [
        .executable(name: "newsstore", targets: ["newsstore"]),
    ],
    targets: [
        // The system libsqlite3, reached through pkg-config.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Our thin SQLite wrapper: connections, cached statements, transactions, pool, migrator.
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        // HTTP/1.1 transport: sockets, parser, router, responses. Knows nothing of news.
        .target(name: "HTTP"),
        // HTTP <-> application: routes, JSON, problem details.
        .target(name: "NewsAPI", dependencies: ["HTTP"]),
        // The executable: command-line parsing and wiring only.
        .executableTarget(name: "newsstore", dependencies: ["HTTP", "NewsAPI", "SQLite"]),

        .testTarget(name: "HTTPTests", dependencies: ["HTTP"]),
        .testTarget(name: "SQLiteTests", dependencies: ["SQLite"]),
        .testTarget(name: "NewsAPITests", dependencies: ["NewsAPI", "HTTP"]),
        // Starts the real binary on a loopback port and talks to it over real sockets and curl.
        .testTarget(name: "EndToEndTests", dependencies: ["newsstore"]),
    ],
    swiftLanguageModes: [.v6]
)
