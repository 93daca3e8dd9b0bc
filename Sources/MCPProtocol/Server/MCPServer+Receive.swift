import JSONCore
import Logging
import Synchronization

/// Where the answer to one request goes: straight to the output, or into a batch's array.
enum ResponseSink: Sendable {
    case direct
    case batch(BatchCollector)
}

extension MCPServer {
    /// The deepest nesting a client message may have; deeper input is a parse error.
    static let maxMessageDepth = 128

    /// One input line, on the reader thread. Ordering-sensitive work (initialize, cancellation,
    /// registering a request) happens here, in arrival order; handlers run in their own tasks.
    func receive(line: UnsafeBufferPointer<UInt8>, on connection: Connection) {
        // Blank lines carry no message (a client may send a bare "\r\n" as a keep-alive).
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        let value: JSON
        do {
            value = try JSONParser.parse(line, maxDepth: Self.maxMessageDepth)
        } catch {
            // The message itself is unreadable: its id is unknown, so the error carries id null.
            connection.writer.send(Frames.error(id: nil, code: ErrorCode.parseError, message: "Parse error: \(error.description)"))
            return
        }
        if case let .array(elements) = value {
            connection.mayRunInline = false   // a batch's requests are not alone
            receive(batch: elements, on: connection)
        } else {
            if let frame = receive(IncomingMessage(value), sink: .direct, on: connection) {
                connection.writer.send(frame)
            }
        }
    }

    private func receive(batch elements: [JSON], on connection: Connection) {
        guard connection.negotiated?.allowsBatches == true else {
            connection.writer.send(Frames.error(
                id: nil, code: ErrorCode.invalidRequest,
                message: "Invalid Request: JSON-RPC batches are only supported when protocol revision 2025-03-26 was negotiated"))
            return
        }
        guard !elements.isEmpty else {
            connection.writer.send(Frames.error(id: nil, code: ErrorCode.invalidRequest, message: "Invalid Request: empty batch"))
            return
        }
        let collector = BatchCollector()
        var expected = 0
        for element in elements {
            let message = IncomingMessage(element)
            switch message {
            case .notification, .response: break
            default: expected += 1
            }
            if let frame = receive(message, sink: .batch(collector), on: connection), let done = collector.add(frame) {
                connection.writer.send(done)
            }
        }
        if let done = collector.expect(expected) { connection.writer.send(done) }
    }

    /// Handles one message; returns a frame to write at once, if any (errors found on arrival).
    /// With a batch sink the frame belongs in the batch.
    private func receive(_ message: IncomingMessage, sink: ResponseSink, on connection: Connection) -> [UInt8]? {
        switch message {
        case .response:
            return nil
        case let .invalid(id, code, text):
            return Frames.error(id: id, code: code, message: text)
        case let .notification(method, params):
            receiveNotification(method, params, on: connection)
            return nil
        case let .request(id, method, params):
            if method == "initialize" { return initialize(id: id, params: params, on: connection) }
            let revision: ProtocolRevision
            switch requestRevision(method: method, params: params, on: connection) {
            case let .success(r): revision = r
            case let .failure(error): return Frames.error(id: id, error)
            }
            let call = makeCall(id: id, method: method, params: params ?? JSONObject(), revision: revision, on: connection)
            let outcome = connection.start(id) { [self] in
                // Cancelled before it started (notifications/cancelled cancels this task): skip the work.
                let frame = Task.isCancelled ? nil : await respond(to: call)
                let answer = connection.complete(id) ? frame : nil
                switch sink {
                case .direct:
                    if let answer { await connection.writer.write(answer) }
                case let .batch(collector):
                    if let done = collector.add(answer) { await connection.writer.write(done) }
                }
                connection.taskDone()
            }
            switch outcome {
            case .started:
                return nil
            case .duplicate:
                return Frames.error(id: id, code: ErrorCode.invalidRequest, message: "Invalid Request: id \(id) is already in use by a request in flight")
            case .busy:
                // No permit freed up in time: refuse this one and read on, so that cancellations
                // of the running requests can get through.
                return Frames.error(id: id, code: ErrorCode.internalError,
                                    message: "Server busy: \(options.maxConcurrentRequests) requests in flight; retry later")
            }
        }
    }

    private func receiveNotification(_ method: String, _ params: JSONObject?, on connection: Connection) {
        switch method {
        case "notifications/cancelled":
            if let raw = params?["requestId"], let id = RequestID(raw) { connection.cancel(id) }
        case "notifications/initialized":
            connection.state.withLock { $0.clientInitialized = true }
        default:
            break  // unknown notifications are ignored, never answered
        }
    }

    /// The revision a request is served at: the negotiated one on a handshake connection;
    /// otherwise the one in its 2026-07-28 `_meta`, which must be complete.
    private func requestRevision(method: String, params: JSONObject?, on connection: Connection) -> Result<ProtocolRevision, MCPError> {
        if let negotiated = connection.negotiated, method != "server/discover" { return .success(negotiated) }
        let meta = params?["_meta"]?.objectValue
        // `ping` before `initialize` is allowed in the handshake era; answer it without `_meta`.
        if method == "ping", meta?[ModernMeta.protocolVersion] == nil { return .success(.latestHandshake) }
        return ModernMeta.revision(of: meta)
    }
}
