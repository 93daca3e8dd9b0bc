import MCPProtocol
import Storage
import VConModel

/// Completes vCon uuids from a typed prefix, for the resource templates and the uuid prompt argument.
enum UUIDCompletion {
    static let maxValues = 100

    static func handler(store: any ServedVConStore) -> CompletionHandler {
        { request, _ in
            let completes: Bool
            switch request.reference {
            case let .resourceTemplate(uri): completes = uri.hasPrefix(VConResourceURI.base) && request.argumentName == "uuid"
            case .prompt: completes = request.argumentName == "uuid"
            }
            guard completes else { return CompletionResult(values: []) }
            let prefix = request.argumentValue.lowercased()
            guard prefix.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return CompletionResult(values: []) }
            // One more than we send tells whether there are more.
            let ids = try await store.uuids(withPrefix: prefix, limit: maxValues + 1)
            return CompletionResult(values: ids.prefix(maxValues).map(\.string), hasMore: ids.count > maxValues)
        }
    }
}
