/// A snapshot of the database's figures for monitoring.
public struct DatabaseStatistics: Sendable {
    public let articlesByStatus: [ArticleStatus: Int]
    /// Reads that found every reader connection busy, and the seconds they waited in total.
    public let readerWaits: Int
    public let readerWaitSeconds: Double
    /// Writes that waited for another write, and the seconds they waited in total.
    public let writerWaits: Int
    public let writerWaitSeconds: Double
}
