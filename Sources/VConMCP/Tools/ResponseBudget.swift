import JSONCore

/// The byte budget of one tool result (`VCON_MAX_RESPONSE_BYTES`). A result over budget is
/// replaced by an error that says so and how to ask for less: never silently truncated.
struct ResponseBudget: Sendable {
    let maxBytes: Int

    /// Bytes the result will take on the wire: `structuredContent` plus its JSON text mirror
    /// (the same bytes with every `"`, `\` and control character escaped once more).
    static func wireBytes(of structured: JSON) -> Int {
        var writer = JSONWriter(reservingCapacity: 4096)
        writer.append(structured)
        let bytes = writer.bytes
        var escapes = 0
        for b in bytes {
            if b == 0x22 || b == 0x5C { escapes += 1 } else if b < 0x20 { escapes += 5 }
        }
        return 2 * bytes.count + escapes
    }

    func check(_ structured: JSON, tool: String, howToAskForLess: String) -> ToolFailure? {
        let size = ResponseBudget.wireBytes(of: structured)
        guard size > maxBytes else { return nil }
        return ToolFailure(message: "The \(tool) result would be \(ResponseBudget.describe(size)), over this server's response budget of \(ResponseBudget.describe(maxBytes)) (VCON_MAX_RESPONSE_BYTES), so it was not sent. Nothing was truncated. \(howToAskForLess)")
    }

    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\((Double(bytes) / Double(1 << 20) * 10).rounded() / 10) MiB (\(bytes) bytes)" }
        if bytes >= 1 << 10 { return "\((Double(bytes) / 1024 * 10).rounded() / 10) KiB (\(bytes) bytes)" }
        return "\(bytes) bytes"
    }
}
