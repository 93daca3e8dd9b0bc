import MCPProtocol

extension ToolEnvironment {
    /// Every tool the server offers; in read-only mode the write tools are left out entirely, so
    /// they are neither listed nor callable (the server answers an unknown tool).
    var catalog: [Tool] {
        let reads = [getVCon] + searchTools + tagReadTools + statusTools
        if readOnly { return reads }
        return lifecycleTools + appendTools + searchTools + [manageTag, getTags, removeAllTags, searchByTags, getUniqueTags]
            + statusTools
    }
}
