import JSON
import NewsStore

/// Reads `POST /api/v1/tokens`: `{"name", "role", "expires_in"}`; `expires_in` (such as
/// `"90d"`, see `TimeSpan`) absent or null makes a token that never expires.
enum TokenInputDecoding {
    struct Input {
        var name = ""
        var role = Role.contributor
        var lifetime: Duration?
    }

    static func decode(_ json: JSONValue) throws(NewsStoreError) -> Input {
        var reader = ObjectReader(json, at: "")
        var input = Input()
        input.name = reader.string("name", required: true) ?? ""
        if let role = reader.string("role", required: true) {
            if let known = Role(rawValue: role) {
                input.role = known
            } else {
                reader.fail("role", "must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if json.objectValue?["expires_in"] == .null {
            _ = reader.value("expires_in")
        } else if let text = reader.string("expires_in") {
            if let lifetime = TimeSpan.parse(text) {
                input.lifetime = lifetime
            } else {
                reader.fail("expires_in", "must be \(TimeSpan.syntax)")
            }
        }
        reader.rejectUnreadMembers()
        guard reader.errors.isEmpty else { throw .invalid(reader.errors) }
        return input
    }
}
