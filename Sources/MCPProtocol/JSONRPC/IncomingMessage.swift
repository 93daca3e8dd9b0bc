import JSONCore

/// One decoded JSON-RPC message from the client.
enum IncomingMessage: Sendable {
    case request(id: RequestID, method: String, params: JSONObject?)
    case notification(method: String, params: JSONObject?)
    /// A response to a server-to-client request; the server sends none, so these are ignored.
    case response
    /// Not a valid request: answered with -32600 (or -32602 for bad params) and the id when it was readable.
    case invalid(id: RequestID?, code: Int, message: String)

    /// Classifies one JSON value (a batch element or a whole line).
    init(_ value: JSON) {
        guard case let .object(o) = value else {
            self = .invalid(id: nil, code: ErrorCode.invalidRequest, message: "Invalid Request: a message must be a JSON object")
            return
        }
        let rawID = o["id"]
        let id = rawID.flatMap(RequestID.init)
        guard o["jsonrpc"] == .string("2.0") else {
            self = .invalid(id: id, code: ErrorCode.invalidRequest, message: "Invalid Request: \"jsonrpc\" must be \"2.0\"")
            return
        }
        guard let methodValue = o["method"] else {
            if o.contains("result") || o.contains("error") { self = .response; return }
            self = .invalid(id: id, code: ErrorCode.invalidRequest, message: "Invalid Request: \"method\" is missing")
            return
        }
        guard case let .string(method) = methodValue else {
            self = .invalid(id: id, code: ErrorCode.invalidRequest, message: "Invalid Request: \"method\" must be a string")
            return
        }
        if let rawID, id == nil {
            self = .invalid(id: nil, code: ErrorCode.invalidRequest,
                            message: "Invalid Request: \"id\" must be a string or an integer, not \(rawID.kindName)")
            return
        }
        var params: JSONObject?
        switch o["params"] {
        case nil: params = nil
        case let .object(p)?: params = p
        case let other?:
            if let id {
                self = .invalid(id: id, code: ErrorCode.invalidParams,
                                message: "Invalid params: \"params\" must be an object, not \(other.kindName)")
            } else {
                self = .notification(method: method, params: nil)
            }
            return
        }
        if let id { self = .request(id: id, method: method, params: params) } else { self = .notification(method: method, params: params) }
    }
}
