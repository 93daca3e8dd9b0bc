import JSONCore
import Logging
import MCPProtocol
import Storage

/// What every vCon tool needs: the store, the budget and the logger.
struct ToolEnvironment: Sendable {
    let store: any ServedVConStore
    let budget: ResponseBudget
    let readOnly: Bool
    let serverVersion: String
    let logger: Logger

    /// A tool whose body returns the structured result; argument, storage and budget failures
    /// become `isError` results with advice. Cancellation propagates.
    func tool(_ name: String, title: String, description: String, input: JSON, output: JSON,
              annotations: ToolAnnotations, lessAdvice: String = "Ask for fewer items with a smaller limit.",
              body: @escaping @Sendable (ToolArguments, RequestContext) async throws -> JSON) -> Tool {
        let allowed = input["properties"]?.objectValue?.keys ?? []
        let budget = self.budget
        let logger = self.logger
        return Tool(name: name, title: title, description: description, inputSchema: input, outputSchema: output,
                    annotations: annotations) { arguments, context in
            let started = ContinuousClock.now
            do {
                let args = try ToolArguments(arguments, allowed: allowed)
                let structured = try await body(args, context)
                if let over = budget.check(structured, tool: name, howToAskForLess: lessAdvice) {
                    context.logger.notice("tool result over budget", metadata: ["tool": "\(name)"])
                    return .failure(over.message)
                }
                context.logger.debug("tool call", metadata: ["tool": "\(name)", "elapsed": "\(ContinuousClock.now - started)"])
                return .structured(structured)
            } catch let error as ArgumentError {
                return .failure(error.message)
            } catch let error as ToolFailure {
                return .failure(error.message)
            } catch let error as StorageError {
                if error.code == .cancelled || Task.isCancelled { throw CancellationError() }
                context.logger.warning("tool failed", metadata: ["tool": "\(name)", "error": "\(error)"])
                return .failure(ToolFailure.from(error).message)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.error("tool failed unexpectedly", metadata: ["tool": "\(name)", "error": "\(String(describing: type(of: error)))"])
                return .failure("The \(name) tool failed unexpectedly; this is not caused by the arguments. The server's log has details.")
            }
        }
    }
}
