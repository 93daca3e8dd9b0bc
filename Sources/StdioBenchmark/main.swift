// Placeholder: the stdio benchmark (issue 6).
