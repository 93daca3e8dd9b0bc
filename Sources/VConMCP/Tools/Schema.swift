import JSONCore

/// Small builders for the JSON Schemas of tool inputs and outputs, so each tool's schema reads
/// like its documentation.
enum Schema {
    static func object(_ properties: [(String, JSON)], required: [String] = [], additional: Bool = false) -> JSON {
        var o: JSONObject = ["type": "object", "properties": .object(JSONObject(properties))]
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        o["additionalProperties"] = .bool(additional)
        return .object(o)
    }

    static func string(_ description: String? = nil, enum values: [String]? = nil, format: String? = nil) -> JSON {
        var o: JSONObject = ["type": "string"]
        if let description { o["description"] = .string(description) }
        if let values { o["enum"] = .array(values.map { .string($0) }) }
        if let format { o["format"] = .string(format) }
        return .object(o)
    }

    static func nullableString(_ description: String? = nil) -> JSON {
        var o: JSONObject = ["type": ["string", "null"]]
        if let description { o["description"] = .string(description) }
        return .object(o)
    }

    static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> JSON {
        var o: JSONObject = ["type": "integer"]
        if let description { o["description"] = .string(description) }
        if let minimum { o["minimum"] = .int(minimum) }
        if let maximum { o["maximum"] = .int(maximum) }
        return .object(o)
    }

    static let number: JSON = ["type": "number"]
    static func boolean(_ description: String? = nil) -> JSON {
        var o: JSONObject = ["type": "boolean"]
        if let description { o["description"] = .string(description) }
        return .object(o)
    }

    static func array(_ items: JSON, _ description: String? = nil) -> JSON {
        var o: JSONObject = ["type": "array", "items": items]
        if let description { o["description"] = .string(description) }
        return .object(o)
    }

    /// An object the tool passes through (a vCon, a dialog …): any members.
    static func anyObject(_ description: String? = nil) -> JSON {
        var o: JSONObject = ["type": "object"]
        if let description { o["description"] = .string(description) }
        return .object(o)
    }

    /// `{"key": "value", …}` with string values.
    static func stringMap(_ description: String) -> JSON {
        ["type": "object", "additionalProperties": ["type": "string"], "description": .string(description)]
    }

    static let uuid = string("The vCon's uuid (8-4-4-4-12 hex).", format: "uuid")
}
