import JSONCore
import MCPProtocol
import Storage
import VConModel

/// The vCon resources: recent vCons in `resources/list`, templates for one vCon and its sections.
/// The whole vCon is spliced from the stored bytes (never parsed); section views parse it.
struct VConResources: ResourceProvider {
    let store: any ServedVConStore
    let pageSize: Int

    func list(cursor: String?, context: RequestContext) async throws -> ResourcePage {
        let page = try await Self.mapped { try await store.search(VConSearchQuery(limit: pageSize, cursor: cursor)) }
        let resources = page.items.map { item in
            Resource(uri: VConResourceURI(uuid: item.uuid, view: nil).string,
                     name: item.subject.map { "\($0) (\(item.uuid))" } ?? item.uuid.string,
                     title: item.subject,
                     description: "vCon stored \(item.createdAt ?? "at an unknown time"): \(item.partyCount) parties, \(item.dialogCount) dialog entries.",
                     mimeType: "application/vcon+json")
        }
        return ResourcePage(resources: resources, nextCursor: page.nextCursor)
    }

    func templates() -> [ResourceTemplate] {
        var out = [ResourceTemplate(uriTemplate: VConResourceURI.template, name: "vcon", title: "A vCon",
                                    description: "One vCon, exactly as stored.", mimeType: "application/vcon+json")]
        for view in VConResourceURI.View.allCases {
            let isText = view == .transcript
            out.append(ResourceTemplate(
                uriTemplate: VConResourceURI.template + "/" + view.rawValue, name: "vcon-\(view.rawValue)",
                title: "A vCon's \(view.rawValue)",
                description: isText ? "The conversation as plain text: text dialog and transcripts in order."
                                    : "The \(view.rawValue) array of one vCon, as JSON.",
                mimeType: isText ? "text/plain" : "application/json"))
        }
        return out
    }

    func read(uri: String, context: RequestContext) async throws -> [ResourceContents] {
        guard let target = VConResourceURI(uri), let stored = try await Self.mapped({ try await store.get(target.uuid) }) else {
            throw MCPError.resourceNotFound(uri: uri)
        }
        guard let view = target.view else {
            return [ResourceContents(uri: uri, mimeType: "application/vcon+json", body: .jsonText(stored.document))]
        }
        let document = try stored.document.parsed()
        if view == .transcript {
            return [ResourceContents(uri: uri, mimeType: "text/plain", body: .text(VConText.transcript(of: document)))]
        }
        let section = document[view.rawValue] ?? .array([])
        return [ResourceContents(uri: uri, mimeType: "application/json", body: .jsonText(RawJSON(encoding: section)))]
    }

    /// Storage errors as JSON-RPC errors: a bad cursor is -32602; an outage says it is retryable.
    static func mapped<T: Sendable>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as StorageError {
            switch error.code {
            case .badCursor: throw MCPError.invalidParams("Invalid cursor: pass nextCursor from the previous resources/list unchanged.")
            case .cancelled: throw CancellationError()
            case .unavailable, .timeout:
                throw MCPError(code: -32603, message: "The vCon store is unavailable right now (\(error.code.rawValue)); retry in a few seconds.")
            default: throw MCPError(code: -32603, message: "The vCon store failed (\(error.code.rawValue) in \(error.operation)).")
            }
        }
    }
}
