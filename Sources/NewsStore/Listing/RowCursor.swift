/// Where a newest-first page of rows ordered by id ends: the id of its last (oldest) row; the
/// next page holds older ones. Opaque to clients, like the listings' `Cursor`. Each listing
/// has its own `Listing` tag in the token, so one listing's cursor is refused by another.
struct RowCursor {
    enum Listing: String {
        case webhookDeliveries = "d1"
        case audit = "a1"
    }

    let listing: Listing
    let id: Int64

    init(_ listing: Listing, id: Int64) {
        self.listing = listing
        self.id = id
    }

    var token: String { Base64URL.encode(Array("\(listing.rawValue)|\(id)".utf8)) }

    init?(_ listing: Listing, token: String) {
        let prefix = listing.rawValue + "|"
        guard token.utf8.count <= 64, let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self),
            text.hasPrefix(prefix), let id = Int64(text.dropFirst(prefix.count)), id > 0
        else { return nil }
        self.listing = listing
        self.id = id
    }
}
