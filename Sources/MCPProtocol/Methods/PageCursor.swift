import JSONCore

/// Opaque pagination cursors for the server's own lists: base64url of "mcp1:<list>:<offset>".
/// The list tag keeps a cursor of one list from being replayed against another.
enum PageCursor {
    static func make(list: String, offset: Int) -> String {
        Base64URL.encode(Array("mcp1:\(list):\(offset)".utf8))
    }

    /// The offset a cursor points at (0 without one); -32602 for anything we did not issue.
    static func offset(_ cursor: String?, list: String, count: Int) throws(MCPError) -> Int {
        guard let cursor else { return 0 }
        guard let bytes = Base64URL.decode(cursor), let text = String(validating: bytes, as: UTF8.self) else {
            throw invalid
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "mcp1", parts[1] == list, let offset = Int(parts[2]),
              offset > 0, offset <= count else { throw invalid }
        return offset
    }

    /// Reads `params.cursor`: absent, or a string.
    static func param(_ params: JSONObject) throws(MCPError) -> String? {
        switch params["cursor"] {
        case nil, .null?: return nil
        case let .string(s)?: return s
        default: throw MCPError.invalidParams("Invalid params: \"cursor\" must be a string")
        }
    }

    /// One page of `items` and the cursor of the next page, if any.
    static func page<T>(_ items: [T], params: JSONObject, list: String, pageSize: Int) throws(MCPError) -> (ArraySlice<T>, String?) {
        let start = try offset(try param(params), list: list, count: items.count)
        let end = min(items.count, start + pageSize)
        let next = end < items.count ? make(list: list, offset: end) : nil
        return (items[start..<end], next)
    }

    private static var invalid: MCPError { .invalidParams("Invalid params: unknown or expired cursor; list again without one") }
}
