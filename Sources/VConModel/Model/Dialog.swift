import JSONCore

/// One piece of the conversation: a recording, a text message, a transfer, an incomplete attempt or a recording set.
public struct Dialog: Sendable, Equatable, JSONConvertible {
    public var type: DialogType
    public var start: String?
    public var duration: VConNumber?
    public var parties: DialogParties?
    public var originator: Int?
    public var content: Content
    public var disposition: String?
    public var sessionID: DialogSessionID?
    public var partyHistory: [PartyHistoryEvent]?
    // Transfer dialogs.
    public var transferee: Int?
    public var transferor: Int?
    public var transferTarget: IndexRef?
    public var original: IndexRef?
    public var consultation: IndexRef?
    public var targetDialog: IndexRef?
    // Recording sets.
    public var recordings: [Int]?
    public var recordingSet: Int?
    public var application: String?
    public var messageID: String?
    public var campaign: String?
    public var interaction: String?
    public var extra: JSONObject

    public init(type: DialogType, start: String? = nil, duration: VConNumber? = nil, parties: DialogParties? = nil,
                originator: Int? = nil, content: Content = Content(), disposition: String? = nil, sessionID: DialogSessionID? = nil,
                partyHistory: [PartyHistoryEvent]? = nil, transferee: Int? = nil, transferor: Int? = nil,
                transferTarget: IndexRef? = nil, original: IndexRef? = nil, consultation: IndexRef? = nil,
                targetDialog: IndexRef? = nil, recordings: [Int]? = nil, recordingSet: Int? = nil,
                application: String? = nil, messageID: String? = nil, campaign: String? = nil, interaction: String? = nil,
                extra: JSONObject = JSONObject()) {
        self.type = type; self.start = start; self.duration = duration; self.parties = parties
        self.originator = originator; self.content = content; self.disposition = disposition; self.sessionID = sessionID
        self.partyHistory = partyHistory; self.transferee = transferee; self.transferor = transferor
        self.transferTarget = transferTarget; self.original = original; self.consultation = consultation
        self.targetDialog = targetDialog; self.recordings = recordings; self.recordingSet = recordingSet
        self.application = application; self.messageID = messageID; self.campaign = campaign
        self.interaction = interaction; self.extra = extra
    }

    static let keys: Set<String> = Content.keys.union([
        "type", "start", "duration", "parties", "originator", "disposition", "session_id", "party_history", "transferee",
        "transferor", "transfer_target", "original", "consultation", "target_dialog", "recordings", "recording_set",
        "application", "message_id", "campaign", "interaction",
    ])

    public init(json: JSON, path: String = "dialog") throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        guard let t = try r.string("type") else { throw VConDecodingError(path: r.at("type"), expected: "string", found: "nothing") }
        type = DialogType(rawValue: t)
        start = try r.string("start")
        duration = try r.number("duration")
        if let p = r.object["parties"] { parties = try DialogParties(p, path: r.at("parties")) }
        originator = try r.int("originator")
        content = try Content(r)
        disposition = try r.string("disposition")
        if let v = r.object["session_id"] { sessionID = try DialogSessionID(v, path: r.at("session_id")) }
        partyHistory = try r.array("party_history") { v, p throws(VConDecodingError) in try PartyHistoryEvent(json: v, path: p) }
        transferee = try r.int("transferee")
        transferor = try r.int("transferor")
        transferTarget = try r.indexRef("transfer_target")
        original = try r.indexRef("original")
        consultation = try r.indexRef("consultation")
        targetDialog = try r.indexRef("target_dialog")
        recordings = try r.array("recordings") { v, p throws(VConDecodingError) in
            guard case let .int(i) = v else { throw VConDecodingError(path: p, expected: "integer", found: v.kindName) }
            return i
        }
        recordingSet = try r.int("recording_set")
        application = try r.string("application")
        messageID = try r.string("message_id")
        campaign = try r.string("campaign")
        interaction = try r.string("interaction")
        extra = r.extra(known: Self.keys)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 10 + extra.count)
        w.set("type", type.rawValue)
        w.set("start", start)
        w.set("duration", duration)
        w.set("parties", parties)
        w.set("originator", originator)
        content.write(&w)
        w.set("disposition", disposition)
        w.set("session_id", sessionID)
        w.set("party_history", partyHistory)
        w.set("transferee", transferee)
        w.set("transferor", transferor)
        w.set("transfer_target", transferTarget)
        w.set("original", original)
        w.set("consultation", consultation)
        w.set("target_dialog", targetDialog)
        if let recordings { w.set("recordings", JSON.array(recordings.map(JSON.int))) }
        w.set("recording_set", recordingSet)
        w.set("application", application)
        w.set("message_id", messageID)
        w.set("campaign", campaign)
        w.set("interaction", interaction)
        w.merge(extra)
        return w.json
    }
}

/// A party joining, leaving, holding, muting or pressing a key during a dialog.
public struct PartyHistoryEvent: Sendable, Equatable, JSONConvertible {
    public var party: Int?
    public var time: String?
    public var event: String?
    public var button: String?
    public var extra: JSONObject

    public init(party: Int?, time: String?, event: String?, button: String? = nil, extra: JSONObject = JSONObject()) {
        self.party = party; self.time = time; self.event = event; self.button = button; self.extra = extra
    }

    static let keys: Set<String> = ["party", "time", "event", "button"]

    public init(json: JSON, path: String) throws(VConDecodingError) {
        let r = try ObjectReader(json, path: path)
        party = try r.int("party"); time = try r.string("time"); event = try r.string("event"); button = try r.string("button")
        extra = r.extra(known: Self.keys)
    }

    public var json: JSON {
        var w = ObjectWriter(capacity: 4 + extra.count)
        w.set("party", party); w.set("time", time); w.set("event", event); w.set("button", button)
        w.merge(extra)
        return w.json
    }
}
