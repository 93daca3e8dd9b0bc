// Placeholder: the JSON-RPC framing and codec fuzz target (issue 6).
