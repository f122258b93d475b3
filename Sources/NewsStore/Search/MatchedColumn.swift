import SQLite

/// One column of a search hit (its title, summary or body) with where the query matched it,
/// marked as FTS5's `highlight()` and `snippet()` mark a column, by the same rules.
///
/// Those functions take the matches from the index, then read the column through the content
/// view (which turns the stored body's JSON into text for every row they touch, whichever
/// column they mark) and tokenize it: a snippet twice, once to find where sentences begin and
/// once to mark. That was most of what a search for a common word cost. Here the text is the
/// article's own, already read, it is split into words once, and the matches come from the
/// row's `FullTextInstances`. `MatchedColumnTests` checks the marks against FTS5's.
struct MatchedColumn {
    /// The column's text, and the byte range of each word in it: a word's index is its position.
    private let utf8: [UInt8]
    private let words: [Range<Int>]
    /// The column's phrase instances, in FTS5's order (by offset, then phrase).
    private let hits: [Hit]
    private let phraseCount: Int

    private struct Hit {
        let phrase: Int
        let offset: Int
        let size: Int
    }

    init(text: String, column: Int, instances: FullTextInstances) {
        utf8 = Array(text.utf8)
        words = ArabicAnalyzer.wordRanges(in: text)
        hits = instances.instances.lazy.filter { $0.column == column }.map {
            Hit(phrase: $0.phrase, offset: $0.offset, size: $0.phrase < instances.phraseSizes.count ? instances.phraseSizes[$0.phrase] : 1)
        }
        phraseCount = instances.phraseSizes.count
    }

    /// The whole column, its matches marked: `highlight()`.
    func highlighted() -> MarkedText {
        var writer = MarkWriter(utf8: utf8)
        mark(into: &writer, range: nil, groups: groups()[...])
        return writer.text
    }

    /// About `length` words around the best matches, marked, with `ellipsis` where the column
    /// goes on: `snippet()`. The window is the one that holds the most distinct phrases (then the
    /// most hits), centred on them, or one that starts a sentence when that scores as well.
    func snippet(length: Int, ellipsis: String) -> MarkedText {
        let start = bestWindowStart(length: length)
        var writer = MarkWriter(utf8: utf8)
        if start > 0 { writer.append(ellipsis) }
        let groups = groups().drop { $0.lowerBound < start }
        let end = start + length - 1
        mark(into: &writer, range: start...end, groups: groups)
        if end >= words.count - 1 { writer.append(writer.offset..<utf8.count) } else { writer.append(ellipsis) }
        return writer.text
    }

    /// The matches as runs of positions: overlapping instances make one run.
    private func groups() -> [ClosedRange<Int>] {
        var groups: [ClosedRange<Int>] = []
        for hit in hits {
            let end = hit.offset + hit.size - 1
            if let last = groups.last, hit.offset <= last.upperBound {
                groups[groups.count - 1] = last.lowerBound...max(last.upperBound, end)
            } else {
                groups.append(hit.offset...max(hit.offset, end))
            }
        }
        return groups
    }

    /// Copies the column's words (those of `range`, or all), opening a mark where a run of
    /// matches begins and closing it where the next word lies past it: adjacent runs with nothing
    /// between them share one mark.
    private func mark(into writer: inout MarkWriter, range: ClosedRange<Int>?, groups: ArraySlice<ClosedRange<Int>>) {
        var groups = groups
        for (position, word) in words.enumerated() {
            if let range {
                guard range.contains(position) else { continue }
                if range.lowerBound != 0, position == range.lowerBound { writer.offset = word.lowerBound }
            }
            if writer.isOpen, position <= groups.first?.lowerBound ?? position, word.lowerBound > writer.offset {
                writer.close()
            }
            if let group = groups.first, position == group.lowerBound, !writer.isOpen {
                writer.append(writer.offset..<word.lowerBound)
                writer.open()
                writer.offset = word.lowerBound
            }
            if let group = groups.first, position == group.upperBound {
                if !writer.isOpen { writer.open() }
                writer.append(writer.offset..<word.upperBound)
                writer.offset = word.upperBound
                groups.removeFirst()
            }
            if let range, position == range.upperBound {
                if writer.isOpen {
                    if let group = groups.first, position >= group.lowerBound {
                        writer.append(writer.offset..<word.upperBound)
                        writer.offset = word.upperBound
                    }
                    writer.close()
                }
                writer.append(writer.offset..<word.upperBound)
                writer.offset = word.upperBound
            }
        }
        if writer.isOpen { writer.close() }
        if range == nil { writer.append(writer.offset..<utf8.count) }
    }

    /// The first position of the snippet's window: for each match, the window centred on the
    /// matches that follow it, and the window from the start of its sentence (worth 100 more, 120
    /// at the column's start, so a sentence's beginning wins a tie); a phrase's first hit in a
    /// window counts 1000, its others 1.
    private func bestWindowStart(length: Int) -> Int {
        let size = words.count
        let sentences = sentenceStarts()
        var best = (score: 0, start: 0)
        for hit in hits where hit.offset <= size {
            let centred = score(from: hit.offset, length: length)
            if centred.score > best.score {
                let span = centred.last - centred.first
                var start = centred.first - (length - span) / 2
                if start + length > size { start = size - length }
                best = (centred.score, max(0, start))
            }
            guard !sentences.isEmpty, size > length else { continue }
            var sentence = 0
            while sentence < sentences.count - 1, sentences[sentence + 1] <= hit.offset { sentence += 1 }
            if sentences[sentence] < hit.offset {
                let bonus = sentences[sentence] == 0 ? 120 : 100
                let fromSentence = score(from: sentences[sentence], length: length).score + bonus
                if fromSentence > best.score { best = (fromSentence, sentences[sentence]) }
            }
        }
        return best.start
    }

    /// The score of the window of `length` words from `start`, and where its first match begins
    /// and its last ends.
    private func score(from start: Int, length: Int) -> (score: Int, first: Int, last: Int) {
        var seen = [Bool](repeating: false, count: phraseCount)
        var score = 0
        var first = -1
        var last = 0
        for hit in hits where hit.offset >= start && hit.offset < start + length {
            let isNew = hit.phrase < seen.count ? !seen[hit.phrase] : true
            score += isNew ? 1000 : 1
            if hit.phrase < seen.count { seen[hit.phrase] = true }
            if first < 0 { first = hit.offset }
            last = hit.offset + hit.size
        }
        return (score, first, last)
    }

    /// The positions of the words that begin a sentence: the first, and each one that whitespace
    /// separates from a full stop or colon before it.
    private func sentenceStarts() -> [Int] {
        var starts: [Int] = []
        for (position, word) in words.enumerated() {
            if position == 0 {
                starts.append(0)
                continue
            }
            var index = word.lowerBound - 1
            while index >= 0, Self.whitespace.contains(utf8[index]) { index -= 1 }
            if index != word.lowerBound - 1, index >= 0, utf8[index] == UInt8(ascii: ".") || utf8[index] == UInt8(ascii: ":") {
                starts.append(position)
            }
        }
        return starts
    }

    private static let whitespace: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
}

/// Builds the marked text: spans of the column copied in order, and marks opened and closed
/// around them, each mark ending a fragment (as FTS5's marks split its output).
private struct MarkWriter {
    let utf8: [UInt8]
    /// How far the column has been copied.
    var offset = 0
    private(set) var isOpen = false
    private var fragments: [MarkedText.Fragment] = []
    private var current: [UInt8] = []
    private var currentIsMatch = false

    init(utf8: [UInt8]) {
        self.utf8 = utf8
    }

    var text: MarkedText {
        var fragments = fragments
        if !current.isEmpty { fragments.append(MarkedText.Fragment(text: String(decoding: current, as: UTF8.self), isMatch: currentIsMatch)) }
        return MarkedText(fragments: fragments)
    }

    mutating func append(_ range: Range<Int>) {
        guard range.lowerBound < range.upperBound else { return }
        current.append(contentsOf: utf8[range])
    }

    mutating func append(_ text: String) {
        current.append(contentsOf: text.utf8)
    }

    mutating func open() {
        endFragment()
        isOpen = true
        currentIsMatch = true
    }

    mutating func close() {
        endFragment()
        isOpen = false
        currentIsMatch = false
    }

    private mutating func endFragment() {
        if !current.isEmpty {
            fragments.append(MarkedText.Fragment(text: String(decoding: current, as: UTF8.self), isMatch: currentIsMatch))
        }
        current.removeAll(keepingCapacity: true)
    }
}
