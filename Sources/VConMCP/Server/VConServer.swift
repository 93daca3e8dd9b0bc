import Logging
import MCPProtocol
import Storage

/// Assembles the MCP server: the vCon tools, resources, prompts and completion over a store.
enum VConServer {
    static let name = "vcon-mcp"
    static let version = "0.1.0"

    static let instructions = """
        This server stores and searches vCons (IETF virtual conversation records: parties, dialog, analysis, \
        attachments). Find conversations with search_vcons (metadata) or search_vcons_content (words inside), \
        read one with get_vcon (response_format summary first for large ones), and label them with manage_tag. \
        Every vCon is identified by its uuid.
        """

    static func makeToolEnvironment(store: any ServedVConStore, configuration: ServerConfiguration, logger: Logger) -> ToolEnvironment {
        ToolEnvironment(store: store, budget: ResponseBudget(maxBytes: configuration.maxResponseBytes),
                        readOnly: configuration.readOnly, serverVersion: version, logger: logger)
    }

    static func make(store: any ServedVConStore, configuration: ServerConfiguration, logger: Logger) -> MCPServer {
        let tools = makeToolEnvironment(store: store, configuration: configuration, logger: logger).catalog
        let options = ServerOptions()
        let note = configuration.readOnly ? " This server is read-only (VCON_READ_ONLY): it searches and reads vCons but cannot change them." : ""
        return MCPServer(info: ServerInfo(name: name, version: version, title: "vCon MCP server", instructions: instructions + note),
                         tools: tools, resources: VConResources(store: store, pageSize: options.pageSize),
                         prompts: VConPrompts.all(), completion: UUIDCompletion.handler(store: store),
                         options: options, logger: logger)
    }
}
