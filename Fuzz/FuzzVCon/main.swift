// Placeholder: the vCon decoder/normaliser/validator fuzz target (issue 6).
