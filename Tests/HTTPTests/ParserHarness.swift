import Testing

@testable import HTTP

/// What a parse produced, in a form tests can compare.
enum Parsed: Equatable, CustomStringConvertible {
    case continueRequested
    case request(method: String, target: String, version: Version, headers: [String], body: String, keepAlive: Bool)
    case failed(Int)

    var description: String {
        switch self {
        case .continueRequested: "100-continue"
        case .request(let method, let target, let version, let headers, let body, let keepAlive):
            "\(method) \(target) \(version) \(headers) body=\(body.debugDescription) keepAlive=\(keepAlive)"
        case .failed(let status): "failed(\(status))"
        }
    }
}

/// Feeds a parser the way a connection does: append each chunk to one buffer, then parse
/// until the parser needs more bytes. Returns every event, ending with the failure if any.
func parse(chunks: [[UInt8]], limits: ParserLimits = ParserLimits()) -> [Parsed] {
    var parser = RequestParser(limits: limits)
    var buffer: [UInt8] = []
    var index = 0
    var events: [Parsed] = []
    for chunk in chunks {
        buffer.append(contentsOf: chunk)
        do {
            while let event = try parser.parse(buffer, index: &index) {
                switch event {
                case .head(_, let expectsContinue):
                    if expectsContinue { events.append(.continueRequested) }
                case .request(let request):
                    events.append(
                        .request(
                            method: request.method.description, target: request.target, version: request.version,
                            headers: request.headers.map { "\($0.name): \($0.value)" },
                            body: String(decoding: request.body, as: UTF8.self), keepAlive: request.keepAlive))
                }
            }
        } catch {
            events.append(.failed(error.status.code))
            return events
        }
    }
    return events
}

/// Parses `text` whole, split in two at every byte boundary, and one byte at a time; records a
/// test issue for any delivery that disagrees with the whole one, and returns the whole result.
func parseEverySplit(_ text: String, limits: ParserLimits = ParserLimits(), sourceLocation: SourceLocation = #_sourceLocation) -> [Parsed] {
    parseEverySplit(bytes: Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

func parseEverySplit(bytes: [UInt8], limits: ParserLimits = ParserLimits(), sourceLocation: SourceLocation = #_sourceLocation) -> [Parsed] {
    let whole = parse(chunks: [bytes], limits: limits)
    for split in 1..<max(1, bytes.count) {
        let pieces = parse(chunks: [Array(bytes[..<split]), Array(bytes[split...])], limits: limits)
        if pieces != whole {
            Issue.record("split at byte \(split) gave \(pieces), whole gave \(whole)", sourceLocation: sourceLocation)
            return whole
        }
    }
    let single = parse(chunks: bytes.map { [$0] }, limits: limits)
    #expect(single == whole, "byte-by-byte delivery disagrees with whole delivery", sourceLocation: sourceLocation)
    return whole
}
