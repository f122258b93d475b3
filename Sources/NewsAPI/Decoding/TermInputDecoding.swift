import JSON
import NewsStore

/// Reads a category or tag write: `{"name", "slug", "description"}`. For a patch, a member
/// that is absent stays as it is, and `"description": null` removes the description.
enum TermInputDecoding {
    static func decode(_ json: JSONValue) throws(NewsStoreError) -> TermInput {
        var reader = ObjectReader(json, at: "")
        var input = TermInput()
        for required in ["name", "slug"] where json.objectValue?[required] == .null {
            reader.fail(required, "cannot be null")
        }
        input.name = reader.string("name")
        input.slug = reader.string("slug")
        if json.objectValue?["description"] == .null {
            _ = reader.value("description")
            input.description = .some(nil)
        } else if let description = reader.string("description") {
            input.description = .some(description)
        }
        for field in ["id", "article_count", "created_at", "updated_at"] where reader.value(field) != nil {
            reader.fail(field, "is set by the server and cannot be written")
        }
        reader.rejectUnreadMembers()
        guard reader.errors.isEmpty else { throw .invalid(reader.errors) }
        return input
    }
}
