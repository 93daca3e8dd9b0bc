import Foundation
import MCPProtocol
import VConModel

/// Prompts that tell an assistant which tools to call for common jobs.
enum VConPrompts {
    static func all() -> [Prompt] { [summarize, findWithParty, reviewDay] }

    static let summarize = Prompt(
        name: "summarize_conversation", title: "Summarize a conversation",
        description: "Summarise one stored conversation (vCon): who took part, what was discussed, outcomes and follow-ups.",
        arguments: [PromptArgument(name: "uuid", description: "The vCon's uuid (completion offers stored uuids).", required: true)]
    ) { arguments, _ in
        let raw = arguments["uuid"] ?? ""
        guard let uuid = VConID(raw) else { throw MCPError.invalidParams("Argument uuid must be a vCon uuid (8-4-4-4-12 hex).") }
        return PromptResult(description: "Summarise vCon \(uuid)", messages: [PromptMessage(role: .user, content: .text("""
            Summarise the conversation stored as vCon \(uuid).
            1. Call get_vcon with {"uuid": "\(uuid)", "response_format": "summary"} to see the parties, dialog and existing analysis.
            2. Read the conversation text from the resource vcon://v1/vcons/\(uuid)/transcript (or call get_vcon with response_format "full" if it is small).
            3. Write a short summary: participants (by name or number), the purpose of the conversation, key points, decisions and follow-up actions.
            4. If I ask you to keep it, store it with add_analysis {"vcon_uuid": "\(uuid)", "analysis": {"type": "summary", "vendor": "assistant", "body": "<your summary>", "encoding": "none"}}.
            """))])
    }

    static let findWithParty = Prompt(
        name: "find_conversations_with_party", title: "Find conversations with a party",
        description: "Find the stored conversations in which a person or number took part, and list them briefly.",
        arguments: [PromptArgument(name: "party", description: "A name, phone number or email address.", required: true)]
    ) { arguments, _ in
        let party = (arguments["party"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !party.isEmpty else { throw MCPError.invalidParams("Argument party must not be empty.") }
        let filter: String
        if party.contains("@") {
            filter = "\"party_email\": \(quoted(party))"
        } else if party.filter(\.isNumber).count >= 5, party.allSatisfy({ $0.isNumber || "+-() .tel:".contains($0) }) {
            filter = "\"party_tel\": \(quoted(party))"
        } else {
            filter = "\"party_name\": \(quoted(party))"
        }
        return PromptResult(description: "Conversations with \(party)", messages: [PromptMessage(role: .user, content: .text("""
            Find the conversations in which \(party) took part.
            1. Call search_vcons with {\(filter), "response_format": "metadata", "limit": 20}. If next_cursor is not null and I want more, call it again with "cursor" set to next_cursor.
            2. If nothing matches, try search_vcons_content with {"query": \(quoted(party))} in case the party is only mentioned in the conversation.
            3. List the conversations newest first: date, subject, uuid, and the number of dialog entries. Offer to summarise any of them (prompt summarize_conversation or get_vcon with response_format "summary").
            """))])
    }

    static let reviewDay = Prompt(
        name: "review_day", title: "Review a day's conversations",
        description: "Review every conversation that took place on one day: what happened, open issues, anything that needs attention.",
        arguments: [PromptArgument(name: "date", description: "The day, YYYY-MM-DD (UTC).", required: true)]
    ) { arguments, _ in
        let date = arguments["date"] ?? ""
        guard let day = DateArgument.day(date) else { throw MCPError.invalidParams("Argument date must be a day like 2026-01-31.") }
        let start = DateArgument.rfc3339(day), end = DateArgument.rfc3339(day.addingTimeInterval(86_400))
        return PromptResult(description: "Conversations of \(date)", messages: [PromptMessage(role: .user, content: .text("""
            Review the conversations that took place on \(date) (UTC).
            1. Call search_vcons with {"conversation_after": "\(start)", "conversation_before": "\(end)", "response_format": "metadata", "limit": 50}; follow next_cursor until it is null.
            2. For each conversation call get_vcon with response_format "summary" (and read vcon://v1/vcons/{uuid}/transcript when you need the words).
            3. Report: how many conversations, the main topics, unresolved issues or promised follow-ups, and anything unusual. Cite each conversation by subject and uuid.
            4. Offer to tag the ones that need follow-up with manage_tag {"vcon_uuid": …, "action": "set", "key": "follow_up", "value": "yes"}.
            """))])
    }

    private static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
