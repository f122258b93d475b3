import JSON
import NewsStore

/// Reads a webhook write: `{"url", "events", "description"}`, and for a patch `active` too.
/// Absent members stay as they are; `"description": null` removes the description.
enum WebhookInputDecoding {
    static func decode(_ json: JSONValue) throws(NewsStoreError) -> WebhookInput {
        var reader = ObjectReader(json, at: "")
        var input = WebhookInput()
        for required in ["url", "events", "active"] where json.objectValue?[required] == .null {
            reader.fail(required, "cannot be null")
        }
        input.url = reader.string("url")
        input.events = reader.strings("events")
        if json.objectValue?["description"] == .null {
            _ = reader.value("description")
            input.description = .some(nil)
        } else if let description = reader.string("description") {
            input.description = .some(description)
        }
        input.active = reader.bool("active")
        for field in ["id", "secret", "disabled_reason", "previous_secret_expires_at", "created_at", "updated_at"]
        where reader.value(field) != nil {
            reader.fail(field, "is set by the server and cannot be written")
        }
        reader.rejectUnreadMembers()
        guard reader.errors.isEmpty else { throw .invalid(reader.errors) }
        return input
    }
}
