import JSONCore
import MCPProtocol
import Storage
import VConModel

/// add_party, add_dialog, add_analysis, add_attachment: append one entry, return its index.
extension ToolEnvironment {
    var appendTools: [Tool] {
        [
            appendTool("add_party", argument: "party", section: .parties, title: "Add a party to a vCon",
                       what: "a party (a participant: name, tel, mailto, role …)",
                       example: "{\"name\": \"Alice\", \"tel\": \"+15550100\"}"),
            appendTool("add_dialog", argument: "dialog", section: .dialog, title: "Add a dialog entry to a vCon",
                       what: "a dialog entry (type recording, text, transfer or incomplete; start; parties as indexes; content)",
                       example: "{\"type\": \"text\", \"start\": \"2026-01-02T10:00:00Z\", \"parties\": [0, 1], \"originator\": 0, \"mediatype\": \"text/plain\", \"body\": \"Hello\", \"encoding\": \"none\"}"),
            appendTool("add_analysis", argument: "analysis", section: .analysis, title: "Add an analysis to a vCon",
                       what: "an analysis (type and vendor required: summary, transcript, sentiment …; dialog index; content)",
                       example: "{\"type\": \"summary\", \"vendor\": \"assistant\", \"dialog\": 0, \"body\": \"Customer asked for a refund.\", \"encoding\": \"none\"}"),
            appendTool("add_attachment", argument: "attachment", section: .attachments, title: "Add an attachment to a vCon",
                       what: "an attachment (purpose, party index required, content)",
                       example: "{\"purpose\": \"invoice\", \"party\": 0, \"mediatype\": \"text/plain\", \"body\": \"…\", \"encoding\": \"none\"}"),
        ]
    }

    private func appendTool(_ name: String, argument: String, section: VConSection, title: String,
                            what: String, example: String) -> Tool {
        tool(name, title: title,
             description: """
             Appends \(what) to the stored vCon `vcon_uuid` and returns its index in `\(section.rawValue)` (entries \
             are never reordered, so other entries can refer to this index). The vCon is validated with the new \
             entry before it is stored: index references must point at existing entries. Example \(argument): \(example)
             """,
             input: Schema.object([
                ("vcon_uuid", Schema.uuid),
                (argument, Schema.anyObject("The new \(section.rawValue) entry.")),
             ], required: ["vcon_uuid", argument]),
             output: Schema.object([
                ("vcon_uuid", Schema.string()), ("section", Schema.string(enum: [section.rawValue])),
                ("index", OutputSchemas.count), ("version", ["type": "integer"]),
             ], required: ["vcon_uuid", "section", "index", "version"]),
             annotations: ToolAnnotations(readOnlyHint: false, destructiveHint: false, idempotentHint: false)) { args, _ in
            let uuid = try args.uuid("vcon_uuid")
            let element = try args.requiredObject(argument)
            let result = try await storage(uuid) { try await store.append(uuid, to: section, element: .object(element)) }
            return ["vcon_uuid": .string(uuid.string), "section": .string(section.rawValue),
                    "index": .int(result.index), "version": .int(Int(result.version))]
        }
    }
}
