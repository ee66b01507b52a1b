// Placeholder: the landing demo script.
