import JSON

/// What differs between two states of an article, field by field: each changed member of the
/// snapshot with its old and new value, except the body, which is compared block by block
/// (see `BlockChange`), since an old and a new 40-paragraph body side by side tell an editor
/// nothing about which sentence moved.
public struct RevisionDiff: Sendable, Equatable {
    public enum FieldChange: Sendable, Equatable {
        case value(field: String, old: JSONValue, new: JSONValue)
        case body([BlockChange])
    }

    /// In the order of `RevisionSnapshot.fields`; unchanged fields are left out.
    public let changes: [FieldChange]

    public init(from old: RevisionSnapshot, to new: RevisionSnapshot) {
        let before = old.members
        let after = new.members
        changes = RevisionSnapshot.fields.compactMap { field in
            let oldValue = before[field] ?? .null
            let newValue = after[field] ?? .null
            guard oldValue != newValue else { return nil }
            if field == "body" { return .body(BlockChange.changes(from: oldValue.arrayValue ?? [], to: newValue.arrayValue ?? [])) }
            return .value(field: field, old: oldValue, new: newValue)
        }
    }
}
