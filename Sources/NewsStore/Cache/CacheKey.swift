/// The surrogate keys public responses are filed under in an HTTP cache (the `Surrogate-Key`
/// header), and so the keys a write purges. A response carries the key of every article whose
/// summary or text it shows and the keys of the collections it is part of; a write purges the
/// keys of what it changed, so a cache keeps everything else.
public enum CacheKey {
    /// The unfiltered article listings (the home page) and the term lists, whose counts follow
    /// articles. A listing by category or tag carries that term's key instead.
    public static let list = "list"
    /// Every search answer.
    public static let search = "search"
    /// The most-read lists.
    public static let popular = "popular"
    /// The RSS, Atom and JSON feeds.
    public static let feed = "feed"
    /// The sitemaps.
    public static let sitemap = "sitemap"

    /// An article: its detail, and every response that shows its summary.
    public static func article(_ id: Int64) -> String { "article-\(id)" }
    /// A category's own responses and the responses that list by it.
    public static func category(_ id: Int64) -> String { "category-\(id)" }
    /// A tag's own responses and the responses that list by it.
    public static func tag(_ id: Int64) -> String { "tag-\(id)" }
    /// The public comments of an article.
    public static func comments(_ articleID: Int64) -> String { "comments-\(articleID)" }

    public static func term(_ kind: TermKind, _ id: Int64) -> String {
        kind == .category ? category(id) : tag(id)
    }

    /// The keys an article write that turned `before` into `after` (nil: created; nil: deleted)
    /// touched, in a stable order. Nothing when the article was public neither before nor
    /// after: a draft's or a scheduled article's edits show nowhere. Otherwise the article's
    /// own key, which also purges every listing, feed, search answer and related list that
    /// shows its summary; its categories and tags from both sides (their listings and feeds,
    /// the old one's too when it moves); every search (new text may match new queries) and the
    /// sitemaps (which list addresses and times, not summaries). Only when the article enters
    /// or leaves the public listings, or moves in their order (its publication time changed),
    /// also the unfiltered listings and feeds (`list`, `feed`), which it is not yet, or is no
    /// longer, in: an edit in place leaves the home page of every other article cached.
    public static func touched(before: Article?, after: Article?, at now: Timestamp) -> [String] {
        let sides = [before, after].compactMap { $0 }.filter { $0.isPublic(at: now) }
        guard let id = sides.first?.id else { return [] }
        var keys = KeySet([article(id)])
        let moved = sides.count < 2 || before?.publishedAt != after?.publishedAt
        if moved {
            keys.insert(list)
            keys.insert(feed)
        }
        for side in sides {
            if let term = side.category { keys.insert(Self.category(term.id)) }
            for term in side.tags.elements { keys.insert(Self.tag(term.id)) }
        }
        keys.insert(search)
        keys.insert(sitemap)
        return keys.keys
    }
}

/// Keys in the order first inserted, each once.
///
/// A response's keys are a handful (an article detail: itself, its related articles, its
/// terms), short enough to be stored inline in their `String`s: comparing them with each is
/// cheaper than hashing one, and a detail read spent ~4% of its instructions hashing them
/// into a set (callgrind). A set is built only for long lists (a batch of purges).
public struct KeySet: Sendable, Equatable {
    public private(set) var keys: [String] = []
    /// Every key, once there are more than `linearLimit`; nil before.
    private var seen: Set<String>?
    private static let linearLimit = 16

    public init(_ keys: [String] = []) {
        // Room for a detail's keys (the article and those it shows), so the list is
        // allocated once rather than grown on each of its first few keys.
        self.keys.reserveCapacity(max(8, keys.count))
        for key in keys { insert(key) }
    }

    public mutating func insert(_ key: String) {
        guard seen != nil else {
            guard !keys.contains(key) else { return }
            keys.append(key)
            if keys.count > Self.linearLimit { seen = Set(keys) }
            return
        }
        if seen!.insert(key).inserted { keys.append(key) }
    }

    public var isEmpty: Bool { keys.isEmpty }

    public static func == (lhs: KeySet, rhs: KeySet) -> Bool { lhs.keys == rhs.keys }
}
