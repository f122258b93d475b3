import Glibc

/// A fuzz target's `test`: libFuzzer's `LLVMFuzzerTestOneInput` signature.
public typealias FuzzTest = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

/// The entry point the fuzz targets share. Built with `-DFUZZING` (scripts/fuzz.sh, with
/// `-sanitize=fuzzer,address`) it hands control to libFuzzer's driver: SwiftPM names an
/// executable's `main` itself, so libFuzzer's own `main` cannot be linked. Built normally it
/// replays the files named on the command line through `test`, so a saved crash input is a
/// regression check: `FuzzHTTPParser FILE...`.
public enum FuzzDriver {
    public static func run(_ test: FuzzTest) -> Never {
        #if FUZZING
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, test))
        #else
            for path in CommandLine.arguments.dropFirst() {
                let bytes = contents(of: path)
                _ = bytes.withUnsafeBufferPointer { test($0.baseAddress, $0.count) }
            }
            exit(0)
        #endif
    }

    private static func contents(of path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            let message = Array("cannot read \(path)\n".utf8)
            _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            exit(2)
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}

#if FUZZING
    /// libFuzzer's driver (LLVM 12 and later), for programs that keep their own `main`.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ test: FuzzTest
    ) -> Int32
#endif
