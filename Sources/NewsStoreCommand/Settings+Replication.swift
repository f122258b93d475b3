extension Settings {
    /// Streaming the database off the machine with Litestream (deploy/litestream.yml): the one
    /// setting the server has to change so that it and Litestream do not both checkpoint.
    static let replicationOptions: [Option] = [
        Option(
            "--wal-autocheckpoint", "PAGES",
            "write-ahead log pages at which a commit checkpoints it; 0: never, not even on shutdown, leaving it to Litestream, which must then run (default 1000)"
        ) { settings, value throws(UsageError) in
            settings.walAutocheckpointPages = try OptionParser.integer(value, in: 0...1_000_000)
        }
    ]
}
