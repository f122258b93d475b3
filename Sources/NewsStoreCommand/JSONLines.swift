import Glibc

/// Reads a file line by line in large chunks, without Foundation and without holding more
/// than a chunk and one line: an import file can be larger than memory.
enum JSONLines {
    /// Calls `body` with each line, without its newline; the last line may lack one.
    static func read(_ file: UnsafeMutablePointer<FILE>, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var carry: [UInt8] = []
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            var start = 0
            while let newline = chunk[start..<count].firstIndex(of: UInt8(ascii: "\n")) {
                if carry.isEmpty {
                    try body(chunk[start..<newline])
                } else {
                    carry.append(contentsOf: chunk[start..<newline])
                    try body(carry[...])
                    carry.removeAll(keepingCapacity: true)
                }
                start = newline + 1
            }
            carry.append(contentsOf: chunk[start..<count])
            if count < chunk.count {
                guard ferror(file) == 0 else { throw ReadError(description: "reading failed: \(String(cString: strerror(errno)))") }
                break
            }
        }
        if !carry.isEmpty { try body(carry[...]) }
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }
}
