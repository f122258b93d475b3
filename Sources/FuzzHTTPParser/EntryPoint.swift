import FuzzSupport

/// Runs `fuzzRequestParser` under libFuzzer or replays saved inputs (see `FuzzDriver`).
@main
enum EntryPoint {
    static func main() {
        FuzzDriver.run(fuzzRequestParser)
    }
}
