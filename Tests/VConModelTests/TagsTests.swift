import JSONCore
import Testing
@testable import VConModel

@Suite struct TagsTests {
    func vcon(attachments: [JSON], parties: [JSON] = [["name": "A"]]) -> JSON {
        ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z",
         "parties": .array(parties), "attachments": .array(attachments)]
    }

    @Test func readsArrayBodySplittingOnFirstColon() {
        let doc = vcon(attachments: [["purpose": "tags", "party": 0, "encoding": "json", "body": ["a:1", "url:https://x/y", "solo"]]])
        #expect(VConTags.read(doc) == [VConTag(key: "a", value: "1"), VConTag(key: "url", value: "https://x/y"), VConTag(key: "solo", value: "")])
    }

    @Test func readsLegacyTypeAndJSONStringBody() {
        let doc = vcon(attachments: [["type": "other"], ["type": "tags", "body": "[\"category:1\",\"k:v:w\"]"]])
        #expect(VConTags.read(doc) == [VConTag(key: "category", value: "1"), VConTag(key: "k", value: "v:w")])
    }

    @Test func readsObjectBody() {
        let doc = vcon(attachments: [["purpose": "tags", "encoding": "json", "body": ["priority": "high", "n": 3]]])
        #expect(VConTags.read(doc) == [VConTag(key: "priority", value: "high"), VConTag(key: "n", value: "3")])
    }

    @Test func noTagsAttachmentMeansNoTags() {
        #expect(VConTags.read(vcon(attachments: [["purpose": "notes", "party": 0]])).isEmpty)
        #expect(VConTags.read(["uuid": "x"]).isEmpty)
    }

    @Test func writingAppendsWithPartyZeroAndValidates() throws {
        let first: JSON = ["purpose": "notes", "party": 0, "encoding": "none", "body": "hello"]
        let doc = vcon(attachments: [first])
        let written = VConTags.writing([VConTag(key: "a", value: "b:c")], into: doc)
        let attachments = try #require(written["attachments"]?.arrayValue)
        #expect(attachments.count == 2)
        #expect(attachments[0] == first) // existing entries keep their place
        #expect(attachments[1] == ["purpose": "tags", "party": 0, "encoding": "json", "body": ["a:b:c"]])
        #expect(VConTags.read(written) == [VConTag(key: "a", value: "b:c")])
        #expect(VConValidator.validate(written).filter { $0.severity == .error }.isEmpty)
    }

    @Test func writingReplacesTheExistingBodyInPlace() throws {
        let doc = vcon(attachments: [["type": "tags", "body": "[\"x:1\"]"], ["purpose": "notes", "party": 0, "encoding": "none", "body": "n"]])
        let written = VConTags.writing([VConTag(key: "y", value: "2")], into: doc)
        let attachments = try #require(written["attachments"]?.arrayValue)
        #expect(attachments.count == 2)
        #expect(attachments[0]["body"] == ["y:2"])
        #expect(attachments[0]["encoding"] == "json")
        #expect(attachments[0]["party"] == 0)
        #expect(attachments[1]["purpose"] == "notes")
    }

    @Test func vconWithoutPartiesCarriesTagsWithoutPartyAndStillValidates() throws {
        let doc: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z"]
        let written = VConTags.writing([VConTag(key: "k", value: "v")], into: doc)
        let tags = try #require(written["attachments"]?[0])
        #expect(tags["party"] == nil)
        #expect(VConValidator.validate(written).filter { $0.severity == .error }.isEmpty)
        // Any other attachment without a party is still an error.
        let other = VConTags.writing([], into: ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z",
                                               "attachments": [["purpose": "notes", "encoding": "none", "body": "x"]]])
        #expect(VConValidator.validate(other).contains { $0.code == "missing_party" && $0.path == "attachments[0].party" })
    }

    @Test func writingEmptyTagsKeepsTheAttachment() throws {
        let doc = vcon(attachments: [["purpose": "tags", "party": 0, "encoding": "json", "body": ["a:1"]]])
        let written = VConTags.writing([], into: doc)
        #expect(written["attachments"]?.arrayValue?.count == 1)
        #expect(VConTags.read(written).isEmpty)
    }
}
