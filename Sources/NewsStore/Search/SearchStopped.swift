/// Why a search ended without an answer. Neither is the store's fault nor the reader's typing:
/// the API answers both with a problem that asks to narrow the search or try again.
public enum SearchStopped: Error, Sendable, Equatable {
    /// It ran longer than its time limit (`SearchService.timeLimit`), and was interrupted so
    /// that its reader connection and worker go back to other requests.
    case overTimeLimit(Duration)
    /// Its caller no longer wanted the answer (the client went away) and said so through the
    /// `stopWhen` closure.
    case cancelled
}
