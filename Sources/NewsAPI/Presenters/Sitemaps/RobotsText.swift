/// `robots.txt`: every crawler may read everything but the reader's search results (an
/// endless space of pages a crawler should not walk) and the moderation page (nothing public
/// there), and the sitemaps are named by absolute
/// address, as the Sitemap line requires.
enum RobotsText {
    static let contentType = "text/plain; charset=utf-8"

    static func write(sitemaps: [String]) -> [UInt8] {
        var text = "User-agent: *\nDisallow: /search\nDisallow: /moderate\n\n"
        for sitemap in sitemaps { text += "Sitemap: \(sitemap)\n" }
        return Array(text.utf8)
    }
}
