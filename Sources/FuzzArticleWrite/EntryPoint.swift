import FuzzSupport

/// Runs `fuzzArticleWrite` under libFuzzer or replays saved inputs (see `FuzzDriver`).
@main
enum EntryPoint {
    static func main() {
        FuzzDriver.run(fuzzArticleWrite)
    }
}
