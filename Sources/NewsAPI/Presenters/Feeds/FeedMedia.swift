import NewsStore

/// An article's hero image in Media RSS, the same in RSS and Atom: the image with its alt text
/// (which screen readers need), caption and credit.
enum FeedMedia {
    static func write(_ image: HeroImage, to xml: inout MarkupWriter) {
        xml.open("media:content", ["url": image.url, "medium": "image", "type": ImageMediaType.of(image.url)])
        if let alt = image.alt { xml.element("media:description", ["type": "plain"], text: alt) }
        if let caption = image.caption { xml.element("media:title", ["type": "plain"], text: caption) }
        if let credit = image.credit { xml.element("media:credit", text: credit) }
        xml.close("media:content")
    }
}
