import CSQLite

/// Why FTS5 asks a tokenizer for tokens: to index a document, to read the terms of a MATCH
/// query, or to find the words `highlight()` and `snippet()` mark (the document again).
public enum TokenizeReason: Sendable {
    case document
    case query
    /// A query term followed by `*`.
    case prefixQuery
    case auxiliary
}

/// A tokenizer for FTS5 written in Swift. It receives UTF-8 bytes and reports each token with
/// its byte range in them; `highlight()` and `snippet()` mark those ranges of the original
/// text, so a token may be spelled differently from the text it covers (normalized, stemmed).
public protocol FullTextTokenizer: Sendable {
    func tokenize(_ text: UnsafeBufferPointer<UInt8>, for reason: TokenizeReason, into sink: inout FullTextTokenSink)
}

/// Where a tokenizer sends its tokens; it forwards them to FTS5 and remembers the first error
/// FTS5 returned, after which the tokenizer should stop (`isStopped`).
public struct FullTextTokenSink {
    let context: UnsafeMutableRawPointer?
    let callback: @convention(c) (UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, Int32, Int32, Int32) -> Int32
    var status = SQLITE_OK

    public var isStopped: Bool { status != SQLITE_OK }

    /// Reports `token`, covering `range` of the text. A `colocated` token is a second spelling
    /// at the position of the previous one (FTS5's synonyms), not a new word.
    public mutating func add(_ token: String, covering range: Range<Int>, colocated: Bool = false) {
        guard !isStopped else { return }
        var token = token
        status = token.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                callback(
                    context, colocated ? FTS5_TOKEN_COLOCATED : 0, chars.baseAddress, Int32(chars.count),
                    Int32(range.lowerBound), Int32(range.upperBound))
            }
        }
    }
}

extension Connection {
    /// Makes `tokenizer` available to FTS5 tables on this connection as `tokenize = 'name'`.
    /// Every connection that reads or writes such a table, or runs a trigger that does, needs it.
    public func register(tokenizer: some FullTextTokenizer, named name: String) throws {
        guard let api = csqlite_fts5_api(handle) else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "this SQLite has no FTS5; cannot register the tokenizer \(name)")
        }
        // FTS5 owns one retain of the box and returns it through the destroy callback.
        let box = Unmanaged.passRetained(TokenizerBox(tokenizer)).toOpaque()
        var methods = fts5_tokenizer(
            xCreate: { userData, _, _, created in
                // The tokenizer takes no arguments and keeps no per-table state: every table
                // shares the box itself as its tokenizer instance.
                created?.pointee = OpaquePointer(userData)
                return SQLITE_OK
            },
            xDelete: { _ in },
            xTokenize: { instance, context, flags, text, count, callback in
                guard let instance, let callback else { return SQLITE_MISUSE }
                let box = Unmanaged<TokenizerBox>.fromOpaque(UnsafeRawPointer(instance)).takeUnretainedValue()
                var sink = FullTextTokenSink(context: context, callback: callback)
                let bytes = UnsafeBufferPointer(start: text.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) }, count: Int(count))
                box.tokenizer.tokenize(bytes, for: TokenizeReason(flags: flags), into: &sink)
                return sink.status
            })
        let status = api.pointee.xCreateTokenizer(
            api, name, box, &methods, { box in Unmanaged<TokenizerBox>.fromOpaque(box!).release() })
        guard status == SQLITE_OK else {
            throw SQLiteError(extendedCode: status, message: "cannot register the FTS5 tokenizer \(name)")
        }
    }
}

/// Carries a tokenizer through FTS5's `void *` user data.
private final class TokenizerBox {
    let tokenizer: any FullTextTokenizer
    init(_ tokenizer: any FullTextTokenizer) { self.tokenizer = tokenizer }
}

extension TokenizeReason {
    init(flags: Int32) {
        if flags & FTS5_TOKENIZE_QUERY != 0 {
            self = flags & FTS5_TOKENIZE_PREFIX != 0 ? .prefixQuery : .query
        } else if flags & FTS5_TOKENIZE_AUX != 0 {
            self = .auxiliary
        } else {
            self = .document
        }
    }
}
