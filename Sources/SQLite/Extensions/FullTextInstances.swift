import CSQLite

/// Where the phrases of a full-text query occur in one row: what FTS5's `xInst` lists for it,
/// with each phrase's length in tokens. Enough to mark a row's words as `highlight()` and
/// `snippet()` do, from text the caller already has, without FTS5 reading the row's content
/// and tokenizing it again.
///
/// SQL gets it from the auxiliary function `Connection.registerInstances(named:)` makes, as a
/// blob that `init(encoded:)` reads.
public struct FullTextInstances: Sendable, Equatable {
    public struct Instance: Sendable, Equatable {
        /// The phrase's number in the MATCH expression, from 0.
        public let phrase: Int
        public let column: Int
        /// The position of the phrase's first token in the column, from 0: tokens are counted as
        /// the tokenizer reported them for the document, colocated ones taking no position.
        public let offset: Int

    }

    /// The tokens of each phrase of the query, by phrase number.
    public let phraseSizes: [Int]
    /// In FTS5's order: by column, then offset, then phrase.
    public let instances: [Instance]

    private init(phraseSizes: [Int], instances: [Instance]) {
        self.phraseSizes = phraseSizes
        self.instances = instances
    }

    /// Reads the blob the auxiliary function returns: 32-bit little-endian numbers, the phrase
    /// count, each phrase's size, then phrase, column and offset of each instance. Anything
    /// shorter than it says reads as no instances.
    public init(encoded bytes: [UInt8]) {
        var numbers: [Int] = []
        numbers.reserveCapacity(bytes.count / 4)
        var index = 0
        while index + 4 <= bytes.count {
            numbers.append(
                Int(UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24))
            index += 4
        }
        guard let phraseCount = numbers.first, numbers.count >= 1 + phraseCount else {
            self.init(phraseSizes: [], instances: [])
            return
        }
        let sizes = Array(numbers[1..<(1 + phraseCount)])
        var instances: [Instance] = []
        var next = 1 + phraseCount
        while next + 3 <= numbers.count {
            instances.append(Instance(phrase: numbers[next], column: numbers[next + 1], offset: numbers[next + 2]))
            next += 3
        }
        self.init(phraseSizes: sizes, instances: instances)
    }
}

extension Connection {
    /// Makes `name(table)` an FTS5 auxiliary function on this connection that returns the row's
    /// phrase instances as a blob for `FullTextInstances(encoded:)`. It reads only the row's
    /// position lists, which FTS5 holds for a matched row anyway: never its content.
    public func registerInstances(named name: String) throws {
        guard let api = csqlite_fts5_api(handle) else {
            throw SQLiteError(extendedCode: SQLITE_ERROR, message: "this SQLite has no FTS5; cannot register the function \(name)")
        }
        let status = api.pointee.xCreateFunction(
            api, name, nil,
            { extensionAPI, context, result, _, _ in
                guard let api = extensionAPI?.pointee, let context else { return }
                var numbers: [UInt32] = []
                let phraseCount = api.xPhraseCount(context)
                var instanceCount: Int32 = 0
                guard api.xInstCount(context, &instanceCount) == SQLITE_OK else {
                    sqlite3_result_error_code(result, SQLITE_ERROR)
                    return
                }
                numbers.reserveCapacity(1 + Int(phraseCount) + 3 * Int(instanceCount))
                numbers.append(UInt32(phraseCount))
                for phrase in 0..<phraseCount { numbers.append(UInt32(max(0, api.xPhraseSize(context, phrase)))) }
                for index in 0..<instanceCount {
                    var phrase: Int32 = 0
                    var column: Int32 = 0
                    var offset: Int32 = 0
                    guard api.xInst(context, index, &phrase, &column, &offset) == SQLITE_OK else {
                        sqlite3_result_error_code(result, SQLITE_ERROR)
                        return
                    }
                    numbers.append(contentsOf: [UInt32(phrase), UInt32(column), UInt32(offset)])
                }
                var bytes: [UInt8] = []
                bytes.reserveCapacity(numbers.count * 4)
                for number in numbers {
                    bytes.append(contentsOf: [UInt8(number & 0xFF), UInt8(number >> 8 & 0xFF), UInt8(number >> 16 & 0xFF), UInt8(number >> 24)])
                }
                bytes.withUnsafeBytes { sqlite3_result_blob(result, $0.baseAddress, Int32($0.count), transientDestructor) }
            },
            nil)
        guard status == SQLITE_OK else {
            throw SQLiteError(extendedCode: status, message: "cannot register the FTS5 function \(name)")
        }
    }
}
