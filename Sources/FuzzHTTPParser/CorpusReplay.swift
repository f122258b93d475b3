import Glibc

/// The target's entry point. Under `-DFUZZING` (scripts/fuzz.sh) it hands control to
/// libFuzzer's driver with the fuzz function; otherwise it replays the inputs named on the
/// command line, so a saved crash input is a regression check: `FuzzHTTPParser FILE...`.
@main
enum CorpusReplay {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzRequestParser))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else {
                let message = Array("cannot read \(path)\n".utf8)
                _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                exit(2)
            }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = fread(&chunk, 1, chunk.count, file)
                if count == 0 { break }
                bytes.append(contentsOf: chunk[..<count])
            }
            fclose(file)
            _ = bytes.withUnsafeBufferPointer { fuzzRequestParser($0.baseAddress, $0.count) }
        }
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver (LLVM 12 and later), for programs that keep their own `main`: SwiftPM
/// names the executable's entry point itself, so libFuzzer's `main` cannot be used.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
#endif
