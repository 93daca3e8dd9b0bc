/// The expected outcome of lenient ingest for every file of the shared samples folder.
/// `.normalised` lists the paths of the reported changes in order; `.rejected` lists `code@path`
/// of every error. A sample missing from this table fails the suite, so new samples get a verdict.
enum SampleOutcome: Sendable {
    case valid
    case normalised(changes: [String])
    case signed(uuid: String)
    case encrypted(uuid: String)
    case rejected(errors: [String])
}

enum SampleExpectations {
    static let outcomes: [String: SampleOutcome] = [
        "draft-ietf-vcon-cc-extension__examples__ab_call_ext_rec.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab.vcon.json": .rejected(errors: ["missing_required@uuid", "missing_required@created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_amended.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_analysis.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_appended.vcon@0928108.json": .normalised(changes: ["amended", "created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_encrypted.vcon.json": .encrypted(uuid: "019f15a6-a752-826f-b9a2-279e0d16bc46"),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_redacted.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_signed.vcon.json": .signed(uuid: "019f15a6-a752-826f-b9a2-279e0d16bc46"),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_signed.vcon@core-00.json": .signed(uuid: "0195544a-b9b1-8ee4-b9a2-279e0d16bc46"),
        "draft-ietf-vcon-vcon-core__examples__ab_call_ext_rec_with_redact.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_call_int_rec.vcon.json": .normalised(changes: ["created_at"]),
        "draft-ietf-vcon-vcon-core__examples__ab_email_acct_prob_thread.vcon.json": .normalised(changes: ["redacted", "group"]),
        "draft-ietf-vcon-vcon-core__examples__ab_email_prob_followup_text_thread.vcon.json": .normalised(changes: ["redacted", "group"]),
        "draft-ietf-vcon-vcon-core__examples__b_email_acct_prob_image.vcon.json": .normalised(changes: ["redacted", "group"]),
        "draft-ietf-vcon-vcon-core__examples__simple-vcon.vcon.json": .rejected(errors: ["missing_required@uuid", "missing_required@created_at"]),
        "fake-vcons__2025__02__19__645bb6b6-3c36-4653-a337-3e74d5a284ce.vcon.json": .normalised(changes: [
            "redacted", "group", "dialog[0].mediatype", "dialog[0].encoding", "dialog[1].mediatype",
            "dialog[1].encoding", "dialog[2].mediatype", "dialog[2].encoding", "dialog[3].mediatype",
            "dialog[3].encoding", "dialog[4].mediatype", "dialog[4].encoding", "dialog[5].mediatype",
            "dialog[5].encoding", "dialog[6].mediatype", "dialog[6].encoding", "dialog[7].mediatype",
            "dialog[7].encoding", "dialog[8].mediatype", "dialog[8].encoding", "dialog[9].mediatype",
            "dialog[9].encoding",
        ]),
        "fake-vcons__2025__02__26__db926c99-9b3a-4d25-ac68-c77a87a90c64.vcon.json": .normalised(changes: [
            "redacted", "group", "dialog[0].start", "dialog[0].mediatype", "analysis[0].encoding",
            "attachments[0].purpose", "attachments[0].encoding",
        ]),
        "fake-vcons__2025__03__19__f4a56204-84bb-4547-96f2-146906c19cb2.vcon.json": .normalised(changes: [
            "redacted", "group", "dialog[0].mediatype", "dialog[0].content_hash", "analysis[0].encoding",
        ]),
        "fake-vcons__2025__03__23__f46cc0f1-d986-415d-a898-a74d7245d265.vcon.json": .normalised(changes: [
            "redacted", "group", "dialog[0].mediatype", "analysis[0].encoding",
        ]),
        "ietf-meeting-vcons__ietf120__ietf120_artarea_33222.vcon.json": .normalised(changes: ["redacted", "group"]),
        "ietf-meeting-vcons__ietf124__ietf124_vcon_34701.vcon.json": .rejected(errors: [
            "invalid_dialog_type@dialog[0].type", "missing_content_hash@dialog[0].content_hash",
        ]),
        "ietf-meeting-vcons__ietf125__ietf125_6man_35086.vcon.json": .rejected(errors: [
            "invalid_dialog_type@dialog[0].type", "missing_content_hash@dialog[0].content_hash",
        ]),
        "ietf-meeting-vcons__ietf125__ietf125_acme_35093.vcon.json": .rejected(errors: [
            "invalid_dialog_type@dialog[0].type", "missing_content_hash@dialog[0].content_hash",
        ]),
        "ietf-meeting-vcons__ietf125__ietf125_add_35215.vcon.json": .normalised(changes: ["redacted", "group"]),
        "py-vcon__tests__ab_call_ext_rec_0.0.1.vcon.json": .rejected(errors: ["missing_required@analysis[0].vendor"]),
        "py-vcon__tests__example_deepgram_external_dialog.vcon.json": .normalised(changes: ["redacted", "group"]),
        "py-vcon__tests__example_external_dialog.vcon.json": .normalised(changes: ["redacted", "group"]),
        "py-vcon__tests__hello.vcon.json": .normalised(changes: ["redacted", "group", "dialog[0].mediatype"]),
        "py-vcon__tests__pre_0.0.1_vcon_trans.vcon.json": .rejected(errors: [
            "missing_required@uuid", "missing_required@created_at", "invalid_date@dialog[0].start",
        ]),
        "vcon-js__examples__8bf46dff-9a06-4508-b6fc-44197baeb7d6.vcon.json": .normalised(changes: [
            "redacted", "group", "dialog[0].mediatype", "dialog[0].content_hash", "analysis[0].encoding",
        ]),
        "vcon-js__examples__inline-recording-output.vcon.json": .normalised(changes: [
            "dialog[0].mediatype", "dialog[0].encoding", "analysis[0].encoding",
        ]),
        "vcon-mcp__examples__example1__sample.vcon.json": .rejected(errors: ["invalid_uuid@uuid"]),
        "vcon-mcp__hackathon__dashboard__samples__01-siprec-billing-dispute.json": .rejected(errors: ["missing_required@uuid"]),
        "vcon-mcp__hackathon__dashboard__samples__04-teams-escalation-review.json": .rejected(errors: [
            "missing_required@uuid", "missing_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__common__tests__fixtures__cat1_vcon.json": .normalised(changes: [
            "appended", "redacted", "group", "subject", "dialog[0].mediatype", "dialog[0].content_hash",
            "analysis[0].schema", "analysis[1].schema", "analysis[2].schema", "analysis[3].schema",
            "analysis[4].schema", "attachments[0].purpose", "attachments[0].encoding", "attachments[1].purpose",
            "attachments[1].encoding", "attachments[2].purpose", "attachments[2].encoding", "attachments[3].purpose",
            "attachments[3].encoding", "attachments[4].purpose", "attachments[4].encoding",
        ]),
        "vcon-server__common__tests__invalid_fixtures__bad_dialog_types.json": .rejected(errors: [
            "invalid_type@dialog[0].duration", "index_out_of_range@dialog[0].parties[0]",
            "index_out_of_range@dialog[0].parties[1]", "invalid_mediatype@dialog[0].mediatype",
        ]),
        "vcon-server__common__tests__invalid_fixtures__bad_duration.json": .rejected(errors: [
            "negative_duration@dialog[0].duration", "url_not_https@dialog[0].url",
            "invalid_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__common__tests__invalid_fixtures__bad_mimetype.json": .rejected(errors: [
            "invalid_mediatype@dialog[0].mediatype", "url_not_https@dialog[0].url",
            "invalid_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__common__tests__invalid_fixtures__bad_party_ref.json": .rejected(errors: [
            "index_out_of_range@dialog[0].parties[1]", "url_not_https@dialog[0].url",
            "invalid_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__common__tests__invalid_fixtures__bad_url.json": .rejected(errors: [
            "url_not_https@dialog[0].url", "invalid_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__common__tests__invalid_fixtures__empty_vcon.json": .rejected(errors: ["invalid_uuid@uuid", "invalid_date@created_at"]),
        "vcon-server__common__tests__invalid_fixtures__invalid_dialog_url.json": .rejected(errors: [
            "url_not_https@dialog[0].url", "invalid_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__common__tests__invalid_fixtures__missing_uuid_and_vcon_version.json": .rejected(errors: ["missing_required@uuid"]),
        "vcon-server__common__tests__invalid_fixtures__null_dialog_string_analysis.json": .rejected(errors: [
            "invalid_type@dialog", "invalid_type@analysis",
        ]),
        "vcon-server__common__tests__invalid_fixtures__null_parties.json": .rejected(errors: [
            "invalid_type@parties", "invalid_type@dialog[0].duration", "index_out_of_range@dialog[0].parties[0]",
            "index_out_of_range@dialog[0].parties[1]", "invalid_mediatype@dialog[0].mediatype",
        ]),
        "vcon-server__common__tests__invalid_fixtures__out_of_range_party_indices.json": .rejected(errors: [
            "index_out_of_range@dialog[0].parties[1]", "index_out_of_range@dialog[0].parties[2]",
            "index_out_of_range@dialog[0].originator", "missing_content_hash@dialog[0].content_hash",
        ]),
        "vcon-server__conserver__links__hugging_llm_link__tests__b217b61e-ff68-4f17-a33d-bbc667e8936d.vcon.json": .normalised(changes: [
            "redacted", "group", "dialog[0].start", "dialog[0].mediatype", "dialog[0].content_hash",
            "analysis[0].encoding", "attachments[0].purpose", "attachments[0].encoding",
        ]),
        "vcon-server__tests__dataset__05cec3d4-0561-4010-9fb8-23cc7edef146.vcon.json": .normalised(changes: [
            "created_at", "updated_at", "dialog[0].start", "dialog[0].mediatype", "dialog[0].content_hash",
            "analysis[0].encoding", "attachments[0].purpose", "attachments[0].encoding",
        ]),
    ]
}
