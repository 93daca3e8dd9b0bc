import JSONCore
import MCPProtocol
import Testing

@Suite("Input schema validation")
struct SchemaValidatorTests {
    let schema: JSON = [
        "type": "object",
        "properties": [
            "uuid": ["type": "string", "pattern": "^[0-9a-f-]{36}$"],
            "limit": ["type": "integer", "minimum": 1, "maximum": 100],
            "ratio": ["type": "number", "exclusiveMinimum": 0],
            "format": ["type": "string", "enum": ["full", "summary"]],
            "tags": ["type": "array", "items": ["type": "string", "minLength": 1, "maxLength": 5], "maxItems": 3],
            "party": ["$ref": "#/$defs/party"],
            "when": ["anyOf": [["type": "string"], ["type": "integer"]]],
            "one": ["oneOf": [["type": "integer"], ["type": "number", "minimum": 10]]],
            "nullable": ["type": ["string", "null"]],
        ],
        "required": ["uuid"],
        "additionalProperties": false,
        "$defs": ["party": ["type": "object", "properties": ["tel": ["type": "string"]], "required": ["tel"]]],
    ]

    func issues(_ value: JSON) -> [String] { SchemaValidator.validate(value, against: schema) }

    @Test func conformingValuePasses() {
        let ok: JSON = ["uuid": "0190b3c2-7d1e-7c9a-8f00-000000000001", "limit": 10, "ratio": 0.5, "format": "full",
                        "tags": ["a", "bb"], "party": ["tel": "+1"], "when": 5, "one": 3, "nullable": .null]
        #expect(issues(ok) == [])
        // An integral double is an integer for JSON Schema.
        #expect(issues(["uuid": "0190b3c2-7d1e-7c9a-8f00-000000000001", "limit": 10.0]) == [])
    }

    @Test func everyProblemIsReportedWithItsPath() {
        let bad: JSON = ["limit": 0, "ratio": 0, "format": "xml", "tags": ["", "toolong", 3, "a"], "party": [:],
                         "when": true, "one": 12, "nullable": 1, "extra": 1]
        let found = issues(bad)
        let expected = [
            "arguments: missing required property \"uuid\"",
            "arguments.limit: must be at least 1 (got 0)",
            "arguments.ratio: must be greater than 0 (got 0)",
            "arguments.format: must be one of \"full\", \"summary\" (got \"xml\")",
            "arguments.tags[0]: must be at least 1 characters long (got 0)",
            "arguments.tags[1]: must be at most 5 characters long (got 7)",
            "arguments.tags[2]: must be a string, not an integer",
            "arguments.tags: must have at most 3 items (got 4)",
            "arguments.party: missing required property \"tel\"",
            "arguments.one: matches more than one exclusive form (2)",
            "arguments.nullable: must be a string or null, not an integer",
        ]
        for e in expected { #expect(found.contains(e), "\(e) in \(found)") }
        #expect(found.contains { $0.hasPrefix("arguments.when: does not match any allowed form") })
        #expect(found.contains { $0.hasPrefix("arguments: unknown property \"extra\"") })
    }

    @Test func patternAndTypeMismatch() {
        #expect(issues(["uuid": "nope"]) == ["arguments.uuid: must match the pattern ^[0-9a-f-]{36}$"])
        #expect(issues("text") == ["arguments: must be an object, not a string"])
        #expect(SchemaValidator.validate(1.5, against: ["type": "integer"]) == ["arguments: must be an integer, not a number"])
    }

    @Test func unknownKeywordsAndOpenSchemasAreLenient() {
        #expect(SchemaValidator.validate(["x": 1], against: ["type": "object", "format": "whatever"]) == [])
        #expect(SchemaValidator.validate(["x": 1], against: ["type": "object", "additionalProperties": ["type": "string"]])
            == ["arguments.x: must be a string, not an integer"])
        #expect(SchemaValidator.validate(.null, against: true) == [])
        #expect(SchemaValidator.validate(.null, against: false) == ["arguments: is not allowed"])
        // A schema that refers to itself does not loop forever.
        let loop: JSON = ["$defs": ["a": ["$ref": "#/$defs/a"]], "$ref": "#/$defs/a"]
        #expect(SchemaValidator.validate(1, against: loop) == [])
    }
}
