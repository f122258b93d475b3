import HTTP

/// The fuzz test (`scripts/fuzz.sh` runs it under libFuzzer; see `FuzzDriver`).
/// Beyond crashes, hangs and leaks, it checks the parser against itself: the same bytes fed
/// whole and fed one byte at a time must give the same requests and the same error, since a
/// client may split a request anywhere.
func fuzzRequestParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let whole = RequestParserFuzzer.outcome(bytes, feed: bytes.count)
    let dribbled = RequestParserFuzzer.outcome(bytes, feed: 1)
    precondition(whole == dribbled, "split-dependent parse: whole \(whole), byte by byte \(dribbled)")
    return 0
}

enum RequestParserFuzzer {
    /// What a connection would see: each request (method, target, body size) and how it
    /// stopped (needing more bytes, or the error's status), feeding `feed` bytes at a time.
    static func outcome(_ bytes: [UInt8], feed: Int) -> [String] {
        var parser = RequestParser(limits: ParserLimits())
        var buffer: [UInt8] = []
        var index = 0
        var events: [String] = []
        var fed = 0
        while fed < bytes.count {
            let next = min(bytes.count, fed + feed)
            buffer.append(contentsOf: bytes[fed..<next])
            fed = next
            do {
                while let event = try parser.parse(buffer, index: &index) {
                    switch event {
                    case .request(let request): events.append("\(request.method) \(request.target) \(request.body.count)")
                    case .head(_, let expectsContinue): if expectsContinue { events.append("100-continue") }
                    }
                }
            } catch {
                events.append("error \(error.status.code)")
                return events
            }
        }
        return events
    }
}

#if FUZZING
    /// The symbol libFuzzer's runtime expects to find, whichever way it starts.
    @_cdecl("LLVMFuzzerTestOneInput")
    func libFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        fuzzRequestParser(data, size)
    }
#endif
