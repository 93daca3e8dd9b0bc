/// Members the core draft defines per object; anything else earns an `unknown_key` warning
/// unless the vCon's `extensions` list names it.
enum KnownKeys {
    static let top: Set<String> = [
        "uuid", "created_at", "updated_at", "subject", "vcon", "extensions", "critical", "redacted", "amended",
        "parties", "dialog", "analysis", "attachments",
    ]
    static let party: Set<String> = [
        "tel", "sip", "stir", "mailto", "name", "did", "validation", "gmlpos", "civicaddress", "uuid", "type",
        "org", "dept", "role",
    ]
    static let content: Set<String> = ["body", "encoding", "url", "content_hash", "mediatype", "filename"]
    static let dialog: Set<String> = content.union([
        "type", "start", "duration", "parties", "originator", "disposition", "session_id", "party_history",
        "transferee", "transferor", "transfer_target", "original", "consultation", "target_dialog", "recordings",
        "recording_set", "application", "message_id", "campaign", "interaction",
    ])
    static let analysis: Set<String> = content.union(["type", "vendor", "dialog", "attachment", "product", "schema"])
    static let attachment: Set<String> = content.union(["purpose", "start", "party", "dialog"])
    static let civicAddress: Set<String> = [
        "country", "a1", "a2", "a3", "a4", "a5", "a6", "prd", "pod", "sts", "hno", "hns", "lmk", "loc", "flr", "nam", "pc",
    ]
    static let dialogTypes: Set<String> = ["recording", "text", "transfer", "incomplete", "recording-set"]
    static let dispositions: Set<String> = ["no-answer", "congestion", "failed", "busy", "hung-up", "voicemail-no-message"]
    static let partyEvents: Set<String> = ["join", "drop", "hold", "unhold", "mute", "unmute", "keydown", "keyup"]
    static let partyTypes: Set<String> = ["person", "bot", "organization"]
    static let encodings: Set<String> = ["base64url", "json", "none"]
    static let transferFields = ["transferee", "transferor", "transfer_target", "original", "consultation", "target_dialog"]
}
