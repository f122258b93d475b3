/// Where a page of deliveries ends: the id of its last (oldest) delivery, the next page holds
/// older ones. Opaque to clients, like the listings' `Cursor`.
struct DeliveryCursor {
    let id: Int64

    init(id: Int64) {
        self.id = id
    }

    var token: String { Base64URL.encode(Array("d1|\(id)".utf8)) }

    init?(token: String) {
        guard token.utf8.count <= 64, let bytes = Base64URL.decode(token), let text = String(validating: bytes, as: UTF8.self),
            text.hasPrefix("d1|"), let id = Int64(text.dropFirst(3)), id > 0
        else { return nil }
        self.id = id
    }
}
