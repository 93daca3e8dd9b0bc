import JSONCore

/// Builds outgoing JSON-RPC frames as bytes, one compact line each (without the newline:
/// the writer adds it). Raw fragments are spliced on one line (`JSONWriter.singleLine`).
enum Frames {
    private static let resultPrefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)
    private static let resultInfix = Array(#","result":"#.utf8)
    private static let errorInfix = Array(#","error":"#.utf8)

    static func result(id: RequestID, _ result: JSON) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 64 + JSONWriter.sizeEstimate(of: result))
        w.singleLine = true
        w.appendRaw(resultPrefix)
        w.append(id.json)
        w.appendRaw(resultInfix)
        w.append(result)
        w.appendRaw([UInt8(ascii: "}")])
        return w.bytes
    }

    static func error(id: RequestID?, _ error: MCPError) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 128)
        w.singleLine = true
        w.appendRaw(resultPrefix)
        w.append(id?.json ?? .null)
        w.appendRaw(errorInfix)
        var body: JSONObject = ["code": .int(error.code), "message": .string(error.message)]
        if let data = error.data { body["data"] = data }
        w.append(.object(body))
        w.appendRaw([UInt8(ascii: "}")])
        return w.bytes
    }

    static func error(id: RequestID?, code: Int, message: String, data: JSON? = nil) -> [UInt8] {
        error(id: id, MCPError(code: code, message: message, data: data))
    }

    static func notification(method: String, params: JSONObject) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 128)
        w.singleLine = true
        w.append(["jsonrpc": "2.0", "method": .string(method), "params": .object(params)])
        return w.bytes
    }
}
