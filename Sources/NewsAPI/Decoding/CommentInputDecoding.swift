import HTTP
import JSON
import NewsStore

/// Reads a reader's comment (`{"author_name", "author_email"?, "body", "parent_id"?}`), a
/// moderator's status change (`{"status"}`) and a ban (`{"email"|"address", "reason",
/// "expires_at"?}`), noting wrongly typed and unknown members by JSON Pointer.
enum CommentInputDecoding {
    static func comment(_ json: JSONValue) -> CommentInput {
        var reader = ObjectReader(json, at: "")
        var input = CommentInput()
        input.authorName = reader.string("author_name")
        input.authorEmail = reader.string("author_email")
        input.body = reader.string("body")
        if reader.value("parent_id") != nil {
            input.parentID = reader.integer("parent_id")
        }
        reader.rejectUnreadMembers()
        input.readErrors = reader.errors
        return input
    }

    static func status(_ json: JSONValue) throws(NewsStoreError) -> CommentStatus {
        var reader = ObjectReader(json, at: "")
        let text = reader.string("status", required: true)
        var status: CommentStatus?
        if let text {
            status = CommentStatus(rawValue: text)
            if status == nil { reader.fail("status", "must be one of \(CommentStatus.allCases.map(\.rawValue).joined(separator: ", "))") }
        }
        reader.rejectUnreadMembers()
        guard reader.errors.isEmpty, let status else { throw .invalid(reader.errors) }
        return status
    }

    /// A ban; the address is keyed as the limits count clients, with `ipv6Prefix` bits of an
    /// IPv6 address.
    static func ban(_ json: JSONValue, ipv6Prefix: Int) -> CommentBanInput {
        var reader = ObjectReader(json, at: "")
        var input = CommentBanInput()
        input.email = reader.string("email")
        input.address = reader.string("address")
        // Which one the ban names must be said, not left null.
        for key in ["email", "address"] where json.objectValue?[key] == .null {
            reader.fail(key, "must be a string; leave it out instead of null")
        }
        if let address = input.address.map({ String($0.trimmingWhitespace) }), let parsed = IPAddress(address) {
            input.addressKey = ClientKey(parsed, ipv6Prefix: ipv6Prefix).description
        }
        input.reason = reader.string("reason")
        if let expires = reader.string("expires_at") {
            if let time = Timestamp(dateOrDateTime: expires) {
                input.expiresAt = time
            } else {
                reader.fail("expires_at", "must be an ISO 8601 date or date-time, e.g. 2027-01-31T00:00:00Z")
            }
        }
        reader.rejectUnreadMembers()
        input.readErrors = reader.errors
        return input
    }
}
