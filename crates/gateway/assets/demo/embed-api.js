// Placeholder: the embed-api demo script.
