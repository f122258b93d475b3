import JSON

/// JSON Merge Patch (RFC 7386): objects merge member by member, `null` removes a member,
/// anything else replaces.
enum MergePatch {
    static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var members: [(key: String, value: JSONValue)] = target.objectValue?.members ?? []
        for (key, value) in patchObject.members {
            let index = members.firstIndex { $0.key == key }
            if value == .null {
                if let index { members.remove(at: index) }
            } else if let index {
                members[index].value = apply(value, to: members[index].value)
            } else {
                members.append((key, apply(value, to: .null)))
            }
        }
        return .object(JSONObject(uniqueKeysWithValues: members.map { ($0.key, $0.value) }))
    }
}
