extension JSON {
    /// Applies an RFC 7396 JSON merge patch: objects merge recursively, `null` removes a member,
    /// any other patch value replaces the target.
    public func applyingMergePatch(_ patch: JSON) -> JSON {
        guard case let .object(patchObject) = patch else { return patch }
        var result: JSONObject
        if case let .object(o) = self { result = o } else { result = JSONObject() }
        for (key, value) in patchObject {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = (result[key] ?? .null).applyingMergePatch(value)
            }
        }
        return .object(result)
    }
}
